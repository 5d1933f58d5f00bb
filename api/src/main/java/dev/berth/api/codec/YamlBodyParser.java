package dev.berth.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * YAML request bodies, one document, read from SnakeYAML's event stream (no object construction, so
 * no tag-driven instantiation) into a {@link TreeBuilder}. Anchors and aliases are expanded as
 * upstream expands them, but every expansion is charged against a node budget that is checked before
 * anything is copied: an alias bomb ("billion laughs") is refused after a few thousand nodes.
 */
final class YamlBodyParser {

  /** An anchored node: its tree, node count and height, for cheap budget checks on each alias. */
  private record Anchored(JsonNode node, long size, int height) {}

  private final int maxDepth;
  private final int maxCodePoints;
  private final long maxAliasNodes;

  YamlBodyParser(int maxDepth, int maxCodePoints, long maxAliasNodes) {
    this.maxDepth = maxDepth;
    this.maxCodePoints = maxCodePoints;
    this.maxAliasNodes = maxAliasNodes;
  }

  TreeBuilder parse(byte[] body) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Math.max(maxCodePoints, 1));
    options.setProcessComments(false);
    ParserImpl parser = new ParserImpl(
        new StreamReader(new UnicodeReader(new ByteArrayInputStream(body))), options);
    TreeBuilder tree = new TreeBuilder(maxDepth);
    Map<String, Anchored> anchors = new HashMap<>();
    // per open collection: SEQUENCE, or a mapping expecting its next KEY or VALUE
    int[] state = new int[16];
    int open = 0;
    long aliasNodes = 0;
    int documents = 0;
    int line = 0;
    try {
      while (true) {
        Event e = parser.getEvent();
        line = lineOf(e.getStartMark());
        switch (e.getEventId()) {
          case StreamStart, DocumentEnd, Comment -> { }
          case StreamEnd -> {
            if (!tree.rootDone()) {
              tree.value(NullNode.instance, 0);
            }
            return tree;
          }
          case DocumentStart -> {
            documents++;
            if (documents > 1) {
              if (!isEmptyDocument(parser)) {
                throw new BodySyntaxException("line " + line
                    + ": a request body must hold a single YAML document");
              }
            }
          }
          case MappingStart, SequenceStart -> {
            boolean mapping = e.getEventId() == Event.ID.MappingStart;
            if (open > 0 && state[open - 1] == KEY) {
              throw new BodySyntaxException("line " + line + ": unsupported map key of type "
                  + (mapping ? "map" : "slice"));
            }
            valueRead(state, open);
            String anchor = ((CollectionStartEvent) e).getAnchor();
            if (mapping) {
              tree.startObject(anchor);
            } else {
              tree.startArray(anchor);
            }
            if (open == state.length) {
              state = Arrays.copyOf(state, open * 2);
            }
            state[open++] = mapping ? KEY : SEQUENCE;
          }
          case MappingEnd, SequenceEnd -> {
            open--;
            TreeBuilder.Frame done = tree.end();
            if (done.anchor != null) {
              anchors.put(done.anchor, measure(done.node));
            }
          }
          case Scalar -> {
            ScalarEvent s = (ScalarEvent) e;
            if (open > 0 && state[open - 1] == KEY) {
              String key = YamlScalars.key(s);
              boolean merge = "<<".equals(s.getValue()) && s.isPlain() && s.getTag() == null;
              tree.key(key, line, merge);
              state[open - 1] = VALUE;
            } else {
              JsonNode v = YamlScalars.value(s);
              valueRead(state, open);
              tree.value(v, 0);
              if (s.getAnchor() != null) {
                anchors.put(s.getAnchor(), new Anchored(v, 1, 0));
              }
            }
          }
          case Alias -> {
            String name = ((AliasEvent) e).getAnchor();
            Anchored a = anchors.get(name);
            if (a == null) {
              throw new BodySyntaxException("line " + line + ": unknown anchor '" + name
                  + "' referenced");
            }
            aliasNodes += a.size();
            if (aliasNodes > maxAliasNodes) {
              throw new BodySyntaxException("document contains excessive aliasing");
            }
            if (open > 0 && state[open - 1] == KEY) {
              if (!a.node().isValueNode() || a.node().isNull()) {
                throw new BodySyntaxException("line " + line + ": unsupported map key of type "
                    + (a.node().isObject() ? "map" : a.node().isArray() ? "slice" : "null"));
              }
              tree.key(a.node().isTextual() ? a.node().textValue() : a.node().asText(), line, false);
              state[open - 1] = VALUE;
            } else {
              valueRead(state, open);
              tree.value(a.node().deepCopy(), a.height());
            }
          }
          default -> { }
        }
      }
    } catch (MarkedYAMLException ex) {
      Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
      String problem = ex.getProblem() != null ? ex.getProblem() : ex.getContext();
      throw new BodySyntaxException(
          (mark != null ? "line " + (mark.getLine() + 1) + ": " : "") + clean(problem));
    } catch (YAMLException ex) {
      throw new BodySyntaxException(clean(ex.getMessage()));
    }
  }

  /** After the first document only empty ones (a trailing {@code ---}) are tolerated. */
  private static boolean isEmptyDocument(ParserImpl parser) {
    Event next = parser.getEvent();
    if (next instanceof ScalarEvent s && s.getValue().isEmpty() && s.isPlain()
        && s.getAnchor() == null && s.getTag() == null) {
      return true;
    }
    return next.getEventId() == Event.ID.DocumentEnd;
  }

  private static final int SEQUENCE = 0;
  private static final int KEY = 1;
  private static final int VALUE = 2;

  /** A value was read in the innermost collection: a mapping expects a key next. */
  private static void valueRead(int[] state, int open) {
    if (open > 0 && state[open - 1] == VALUE) {
      state[open - 1] = KEY;
    }
  }

  private Anchored measure(JsonNode node) {
    long size = 0;
    int height = 0;
    ArrayDeque<Object[]> work = new ArrayDeque<>();
    work.push(new Object[] {node, 1});
    while (!work.isEmpty()) {
      Object[] item = work.pop();
      JsonNode n = (JsonNode) item[0];
      int h = (Integer) item[1];
      size++;
      if (n.isContainerNode()) {
        height = Math.max(height, h);
        for (JsonNode child : n) {
          work.push(new Object[] {child, h + 1});
        }
      }
    }
    return new Anchored(node, size, height);
  }

  private static int lineOf(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  private static String clean(String s) {
    return s == null ? "invalid YAML" : s.replace('\n', ' ').trim();
  }
}
