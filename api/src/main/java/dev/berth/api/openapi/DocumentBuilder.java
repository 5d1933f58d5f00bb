package dev.berth.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.meta.GroupVersion;
import dev.berth.api.meta.GroupVersionKind;
import dev.berth.api.openapi.SchemaRenderer.Dialect;
import dev.berth.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds one OpenAPI document (v3 for one group-version, or the v2 document of everything): paths
 * for the collection, item and subresource URLs of each resource, with the operation metadata real
 * clients read ({@code x-kubernetes-action}, {@code x-kubernetes-group-version-kind}, the
 * {@code fieldValidation} parameter kubectl checks before relying on server-side validation, the
 * patch content types), and the components every path refers to.
 */
final class DocumentBuilder {

  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String OBJECT_META = META + "ObjectMeta";
  static final String LIST_META = META + "ListMeta";
  static final String STATUS = META + "Status";
  static final String DELETE_OPTIONS = META + "DeleteOptions";
  static final String PATCH = META + "Patch";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> RESPONSE_TYPES =
      List.of("application/json", "application/yaml", "application/vnd.kubernetes.protobuf");
  private static final List<String> LIST_RESPONSE_TYPES = List.of("application/json", "application/yaml",
      "application/vnd.kubernetes.protobuf", "application/json;stream=watch",
      "application/vnd.kubernetes.protobuf;stream=watch");
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  private static final String APPLY_PATCH = "application/apply-patch+yaml";

  private final Dialect dialect;
  private final Function<String, Schema> shared;
  private final SchemaRenderer renderer;
  private final Map<String, ObjectNode> paths = new TreeMap<>();
  private final Schema patchSchema;

  DocumentBuilder(Dialect dialect, Function<String, Schema> shared) {
    this.dialect = dialect;
    this.shared = shared;
    this.renderer = new SchemaRenderer(dialect, shared);
    Schema patch = shared.apply(PATCH);
    this.patchSchema = patch != null ? patch : new Schema(Schema.Type.OBJECT).name(PATCH)
        .description("Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.");
    if (patch == null) {
      renderer.assignName(patchSchema, PATCH);
    }
  }

  /** Adds the paths of one resource. */
  void add(PublishedResource r) {
    GroupVersion gv = r.gvk().groupVersion();
    String prefix = OpenApiPaths.urlPrefix(gv);
    String collection = r.namespaced()
        ? prefix + "/namespaces/{namespace}/" + r.plural() : prefix + "/" + r.plural();
    String item = collection + "/{name}";
    String scope = r.namespaced() ? "Namespaced" : "";
    String idBase = OpenApiPaths.groupWord(gv.group()) + OpenApiPaths.capitalize(gv.version());
    String kind = r.gvk().kind();
    List<String> verbs = r.verbs();

    ObjectNode collectionPath = JSON.objectNode();
    if (verbs.contains("list")) {
      collectionPath.set("get", op(r, r.gvk(), "list", "list" + idBase + scope + kind,
          "list or watch objects of kind " + kind, listParams(), null, List.of(),
          responses(List.of("200"), r.listSchema(), LIST_RESPONSE_TYPES)));
      if (r.namespaced()) {
        ObjectNode all = JSON.objectNode();
        all.set("get", op(r, r.gvk(), "list", "list" + idBase + kind + "ForAllNamespaces",
            "list or watch objects of kind " + kind, listParams(), null, List.of(),
            responses(List.of("200"), r.listSchema(), LIST_RESPONSE_TYPES)));
        addPath(prefix + "/" + r.plural(), all, false, false);
      }
    }
    if (verbs.contains("create")) {
      collectionPath.set("post", op(r, r.gvk(), "post", "create" + idBase + scope + kind,
          "create " + article(kind) + " " + kind, writeParams(false), r.schema(), List.of("*/*"),
          responses(List.of("200", "201", "202"), r.schema(), RESPONSE_TYPES)));
    }
    if (verbs.contains("deletecollection")) {
      collectionPath.set("delete", op(r, r.gvk(), "deletecollection", "delete" + idBase + "Collection" + scope + kind,
          "delete collection of " + kind, deleteCollectionParams(), shared(DELETE_OPTIONS), List.of("*/*"),
          responses(List.of("200"), shared(STATUS), RESPONSE_TYPES)));
    }
    addPath(collection, collectionPath, r.namespaced(), false);

    ObjectNode itemPath = JSON.objectNode();
    if (verbs.contains("get")) {
      itemPath.set("get", op(r, r.gvk(), "get", "read" + idBase + scope + kind,
          "read the specified " + kind, List.of(), null, List.of(),
          responses(List.of("200"), r.schema(), RESPONSE_TYPES)));
    }
    if (verbs.contains("update")) {
      itemPath.set("put", op(r, r.gvk(), "put", "replace" + idBase + scope + kind,
          "replace the specified " + kind, writeParams(false), r.schema(), List.of("*/*"),
          responses(List.of("200", "201"), r.schema(), RESPONSE_TYPES)));
    }
    if (verbs.contains("patch")) {
      itemPath.set("patch", op(r, r.gvk(), "patch", "patch" + idBase + scope + kind,
          "partially update the specified " + kind, writeParams(true), patchSchema, patchTypes(r),
          responses(List.of("200", "201"), r.schema(), RESPONSE_TYPES)));
    }
    if (verbs.contains("delete")) {
      itemPath.set("delete", op(r, r.gvk(), "delete", "delete" + idBase + scope + kind,
          "delete " + article(kind) + " " + kind, deleteParams(), shared(DELETE_OPTIONS), List.of("*/*"),
          responses(List.of("200", "202"), shared(STATUS), RESPONSE_TYPES)));
    }
    addPath(item, itemPath, r.namespaced(), true);

    for (OpenApiSubresource sub : r.subresources()) {
      addSubresource(r, sub, item, idBase, scope + kind + OpenApiPaths.capitalize(sub.name()));
    }
  }

  private void addSubresource(PublishedResource r, OpenApiSubresource sub, String item, String idBase,
      String idKind) {
    String idSuffix = idBase + idKind;
    String kind = r.gvk().kind();
    Schema schema = sub.schema() == null ? null : r.published(sub.schema());
    ObjectNode path = JSON.objectNode();
    String what = sub.name() + " of " + article(kind) + " " + kind;
    for (String verb : sub.verbs()) {
      switch (verb) {
        case "get" -> path.set("get", schema == null
            ? op(r, sub.gvk(), "get", "read" + idSuffix, "read " + sub.name() + " of the specified " + kind,
                List.of(), null, List.of(), textResponse())
            : op(r, sub.gvk(), "get", "read" + idSuffix, "read " + sub.name() + " of the specified " + kind,
                List.of(), null, List.of(), responses(List.of("200"), schema, RESPONSE_TYPES)));
        case "update" -> path.set("put", op(r, sub.gvk(), "put", "replace" + idSuffix,
            "replace " + sub.name() + " of the specified " + kind, writeParams(false), schema, List.of("*/*"),
            responses(List.of("200", "201"), schema, RESPONSE_TYPES)));
        case "patch" -> path.set("patch", op(r, sub.gvk(), "patch", "patch" + idSuffix,
            "partially update " + sub.name() + " of the specified " + kind, writeParams(true), patchSchema,
            patchTypes(r), responses(List.of("200", "201"), schema, RESPONSE_TYPES)));
        case "create" -> path.set("post", op(r, sub.gvk(), "post", "create" + idSuffix, "create " + what,
            writeParams(false), schema, List.of("*/*"),
            responses(List.of("200", "201", "202"), schema, RESPONSE_TYPES)));
        case "connect" -> {
          path.set("get", op(r, sub.gvk(), "connect", "connect" + idBase + "Get" + idKind,
              "connect GET requests to " + what, List.of(), null, List.of(), textResponse()));
          path.set("post", op(r, sub.gvk(), "connect", "connect" + idBase + "Post" + idKind,
              "connect POST requests to " + what, List.of(), null, List.of(), textResponse()));
        }
        default -> throw new IllegalArgumentException("unknown subresource verb " + verb + " on " + sub.name());
      }
    }
    addPath(item + "/" + sub.name(), path, r.namespaced(), true);
  }

  private Schema shared(String name) {
    Schema s = shared.apply(name);
    if (s == null) {
      throw new IllegalStateException("shared component " + name + " is not available");
    }
    return s;
  }

  private void addPath(String path, ObjectNode operations, boolean namespaced, boolean named) {
    if (operations.isEmpty()) {
      return;
    }
    List<ObjectNode> params = new ArrayList<>();
    if (named) {
      params.add(param("name", "path", "string", true, "name of the resource"));
    }
    if (namespaced) {
      params.add(param("namespace", "path", "string", true, "object name and auth scope, such as for teams and projects"));
    }
    params.add(param("pretty", "query", "string", false, "If 'true', then the output is pretty printed."));
    ArrayNode array = operations.putArray("parameters");
    params.forEach(array::add);
    ObjectNode previous = paths.putIfAbsent(path, operations);
    if (previous != null) {
      throw new IllegalArgumentException("two resources publish " + path);
    }
  }

  private ObjectNode op(PublishedResource r, GroupVersionKind gvk, String action, String operationId,
      String description, List<ObjectNode> params, Schema body, List<String> bodyTypes, ObjectNode responses) {
    ObjectNode op = JSON.objectNode();
    op.put("description", description);
    op.put("operationId", operationId);
    ArrayNode parameters = JSON.arrayNode();
    params.forEach(parameters::add);
    if (dialect == Dialect.V2) {
      if (body != null) {
        ObjectNode bodyParam = parameters.insertObject(0);
        bodyParam.put("in", "body").put("name", "body").put("required", true);
        bodyParam.set("schema", renderer.use(body));
        strings(op.putArray("consumes"), bodyTypes);
      }
      strings(op.putArray("produces"), producedTypes(responses));
      strings(op.putArray("schemes"), List.of("https"));
    } else if (body != null) {
      ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
      for (String type : bodyTypes) {
        content.putObject(type).set("schema", renderer.use(body));
      }
    }
    if (!parameters.isEmpty()) {
      op.set("parameters", parameters);
    }
    op.set("responses", dialect == Dialect.V2 ? v2Responses(responses) : responses);
    strings(op.putArray("tags"), List.of(OpenApiPaths.tag(r.gvk().groupVersion())));
    op.put("x-kubernetes-action", action);
    op.putObject("x-kubernetes-group-version-kind")
        .put("group", gvk.group()).put("kind", gvk.kind()).put("version", gvk.version());
    return op;
  }

  /** Responses in v3 form: {code: {description, content: {type: {schema}}}}. */
  private ObjectNode responses(List<String> codes, Schema schema, List<String> types) {
    ObjectNode out = JSON.objectNode();
    for (String code : codes) {
      ObjectNode response = out.putObject(code).put("description", describe(code));
      ObjectNode content = response.putObject("content");
      for (String type : types) {
        content.putObject(type).set("schema", renderer.use(schema));
      }
    }
    out.putObject("401").put("description", "Unauthorized");
    return out;
  }

  private ObjectNode textResponse() {
    ObjectNode out = JSON.objectNode();
    out.putObject("200").put("description", "OK")
        .putObject("content").putObject("*/*").putObject("schema").put("type", "string");
    out.putObject("401").put("description", "Unauthorized");
    return out;
  }

  /** Converts v3 responses into v2 form: {code: {description, schema}} (+ produces on the op). */
  private static ObjectNode v2Responses(ObjectNode v3) {
    ObjectNode out = JSON.objectNode();
    v3.properties().forEach(e -> {
      ObjectNode response = out.putObject(e.getKey()).put("description", e.getValue().path("description").asText());
      var content = e.getValue().path("content");
      if (content.isObject() && !content.isEmpty()) {
        response.set("schema", content.elements().next().get("schema"));
      }
    });
    return out;
  }

  private static List<String> producedTypes(ObjectNode v3Responses) {
    List<String> types = new ArrayList<>();
    v3Responses.elements().forEachRemaining(r -> r.path("content").fieldNames().forEachRemaining(t -> {
      if (!types.contains(t)) {
        types.add(t);
      }
    }));
    return types;
  }

  private static String describe(String code) {
    return switch (code) {
      case "200" -> "OK";
      case "201" -> "Created";
      case "202" -> "Accepted";
      default -> code;
    };
  }

  private static List<String> patchTypes(PublishedResource r) {
    return r.strategicMergePatch()
        ? List.of(APPLY_PATCH, JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH)
        : List.of(APPLY_PATCH, JSON_PATCH, MERGE_PATCH);
  }

  private List<ObjectNode> listParams() {
    return List.of(
        param("allowWatchBookmarks", "query", "boolean", false, "allowWatchBookmarks requests watch events with type \"BOOKMARK\"."),
        param("continue", "query", "string", false, "The continue option should be set when retrieving more results from the server."),
        param("fieldSelector", "query", "string", false, "A selector to restrict the list of returned objects by their fields."),
        param("labelSelector", "query", "string", false, "A selector to restrict the list of returned objects by their labels."),
        param("limit", "query", "integer", false, "limit is a maximum number of responses to return for a list call."),
        param("resourceVersion", "query", "string", false, "resourceVersion sets a constraint on what resource versions a request may be served from."),
        param("resourceVersionMatch", "query", "string", false, "resourceVersionMatch determines how resourceVersion is applied to list calls."),
        param("sendInitialEvents", "query", "boolean", false, "`sendInitialEvents=true` may be set together with `watch=true`."),
        param("timeoutSeconds", "query", "integer", false, "Timeout for the list/watch call."),
        param("watch", "query", "boolean", false, "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications."));
  }

  private List<ObjectNode> writeParams(boolean patch) {
    List<ObjectNode> params = new ArrayList<>(List.of(
        param("dryRun", "query", "string", false, "When present, indicates that modifications should not be persisted."),
        param("fieldManager", "query", "string", false, "fieldManager is a name associated with the actor or entity that is making these changes."),
        param("fieldValidation", "query", "string", false,
            "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.")));
    if (patch) {
      params.add(param("force", "query", "boolean", false, "Force is going to \"force\" Apply requests. It must be unset for non-apply patch requests."));
    }
    return params;
  }

  private List<ObjectNode> deleteParams() {
    return List.of(
        param("dryRun", "query", "string", false, "When present, indicates that modifications should not be persisted."),
        param("gracePeriodSeconds", "query", "integer", false, "The duration in seconds before the object should be deleted."),
        param("ignoreStoreReadErrorWithClusterBreakingPotential", "query", "boolean", false,
            "if set to true, it will trigger an unsafe deletion of the resource in case the normal deletion flow fails with a corrupt object error."),
        param("orphanDependents", "query", "boolean", false, "Deprecated: please use the PropagationPolicy."),
        param("propagationPolicy", "query", "string", false, "Whether and how garbage collection will be performed."));
  }

  private List<ObjectNode> deleteCollectionParams() {
    List<ObjectNode> params = new ArrayList<>(deleteParams());
    for (ObjectNode p : listParams()) {
      String name = p.get("name").asText();
      if (!name.equals("allowWatchBookmarks") && !name.equals("watch")) {
        params.add(p);
      }
    }
    params.sort((a, b) -> a.get("name").asText().compareTo(b.get("name").asText()));
    return params;
  }

  private ObjectNode param(String name, String in, String type, boolean required, String description) {
    ObjectNode p = JSON.objectNode();
    p.put("description", description);
    p.put("in", in);
    p.put("name", name);
    if (required) {
      p.put("required", true);
    }
    if (dialect == Dialect.V3) {
      p.putObject("schema").put("type", type).put("uniqueItems", true);
    } else {
      p.put("type", type).put("uniqueItems", true);
    }
    return p;
  }

  private static String article(String kind) {
    return "AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an" : "a";
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /** Registers a component so it is published even if no path refers to it (list kinds, ...). */
  void include(Schema schema) {
    renderer.use(schema);
  }

  /** The finished document. */
  ObjectNode build(String kubernetesVersion) {
    ObjectNode doc = JSON.objectNode();
    ObjectNode pathsNode = JSON.objectNode();
    paths.forEach(pathsNode::set);
    ObjectNode components = renderer.components();
    if (dialect == Dialect.V3) {
      doc.put("openapi", "3.0.0");
      doc.putObject("info").put("title", "Kubernetes").put("version", kubernetesVersion);
      doc.set("paths", pathsNode);
      ObjectNode comps = doc.putObject("components");
      comps.set("schemas", components);
      comps.putObject("securitySchemes").putObject("BearerToken")
          .put("description", "Bearer Token authentication").put("in", "header")
          .put("name", "authorization").put("type", "apiKey");
    } else {
      doc.put("swagger", "2.0");
      doc.putObject("info").put("title", "Kubernetes").put("version", kubernetesVersion);
      doc.set("paths", pathsNode);
      doc.set("definitions", components);
      doc.putObject("securityDefinitions").putObject("BearerToken")
          .put("description", "Bearer Token authentication").put("in", "header")
          .put("name", "authorization").put("type", "apiKey");
    }
    doc.putArray("security").addObject().putArray("BearerToken");
    return doc;
  }

  /** Registers a custom resource's published schema name with the renderer. */
  void name(Schema schema, String name) {
    renderer.assignName(schema, name);
  }
}
