package dev.berth.api.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.CharConversionException;
import java.io.IOException;

/**
 * The JSON fast path: Jackson's streaming parser feeding a {@link TreeBuilder}. Numbers follow what
 * Go's decoder with {@code PreserveInts} produces: integers stay integers (of any size), everything
 * else is a double, and a double that overflows is refused as upstream refuses it.
 */
final class JsonBodyParser {

  private final JsonFactory factory;
  private final int maxDepth;

  JsonBodyParser(JsonFactory factory, int maxDepth) {
    this.factory = factory;
    this.maxDepth = maxDepth;
  }

  /** Parses one JSON value; throws {@link BodySyntaxException} with a client-facing detail. */
  TreeBuilder parse(byte[] body) {
    TreeBuilder tree = new TreeBuilder(maxDepth);
    try (JsonParser p = factory.createParser(body)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case START_OBJECT -> tree.startObject(null);
          case START_ARRAY -> tree.startArray(null);
          case END_OBJECT, END_ARRAY -> tree.end();
          case FIELD_NAME -> tree.key(p.currentName(), 0, false);
          case VALUE_STRING -> tree.value(TextNode.valueOf(p.getText()), 0);
          case VALUE_NUMBER_INT -> tree.value(integer(p), 0);
          case VALUE_NUMBER_FLOAT -> tree.value(floating(p), 0);
          case VALUE_TRUE -> tree.value(BooleanNode.TRUE, 0);
          case VALUE_FALSE -> tree.value(BooleanNode.FALSE, 0);
          case VALUE_NULL -> tree.value(NullNode.instance, 0);
          default -> throw new BodySyntaxException("unexpected token " + t);
        }
        if (tree.rootDone()) {
          JsonToken extra = p.nextToken();
          if (extra != null) {
            throw new BodySyntaxException("invalid character after top-level value"
                + at(p.currentTokenLocation()));
          }
          return tree;
        }
      }
      throw new BodySyntaxException("unexpected end of JSON input");
    } catch (StreamConstraintsException e) {
      throw new BodySyntaxException(e.getOriginalMessage());
    } catch (JsonEOFException e) {
      throw new BodySyntaxException("unexpected end of JSON input");
    } catch (JsonParseException e) {
      String m = e.getOriginalMessage();
      if (m != null && m.startsWith("Unexpected end-of-input")) {
        throw new BodySyntaxException("unexpected end of JSON input");
      }
      throw new BodySyntaxException(m + at(e.getLocation()));
    } catch (CharConversionException e) {
      throw new BodySyntaxException("invalid UTF-8: " + e.getMessage());
    } catch (IOException e) {
      // reading from a byte array: only malformed input ends up here
      throw new BodySyntaxException(String.valueOf(e.getMessage()));
    }
  }

  private static JsonNode integer(JsonParser p) throws IOException {
    return switch (p.getNumberType()) {
      case INT -> IntNode.valueOf(p.getIntValue());
      case LONG -> LongNode.valueOf(p.getLongValue());
      default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
    };
  }

  private static JsonNode floating(JsonParser p) throws IOException {
    double d = p.getDoubleValue();
    if (Double.isInfinite(d) || Double.isNaN(d)) {
      throw new BodySyntaxException("json: cannot unmarshal number " + p.getText()
          + " into Go value of type float64");
    }
    return DoubleNode.valueOf(d);
  }

  static String at(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }
}
