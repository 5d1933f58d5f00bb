package dev.berth.api.table;

import static dev.berth.api.table.ColumnDefinition.of;
import static dev.berth.api.table.ColumnDefinition.wide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Events, for both core/v1 and events.k8s.io/v1 objects. Both are stored as the same internal type
 * upstream, so {@code kubectl get events} and {@code kubectl get events.events.k8s.io} print the same
 * columns; the events.k8s.io field names (regarding, note, deprecated*, reportingController) are read
 * in place of the core ones.
 */
final class EventPrinter implements TablePrinter {

  private static final List<ColumnDefinition> COLUMNS = List.of(
      of("Last Seen", "string", Descriptions.EVENT_LAST_TIMESTAMP),
      of("Type", "string", Descriptions.EVENT_TYPE),
      of("Reason", "string", Descriptions.EVENT_REASON),
      of("Object", "string", Descriptions.EVENT_INVOLVED_OBJECT),
      wide("Subobject", "string", Descriptions.EVENT_FIELD_PATH),
      wide("Source", "string", Descriptions.EVENT_SOURCE),
      of("Message", "string", Descriptions.EVENT_MESSAGE),
      wide("First Seen", "string", Descriptions.EVENT_FIRST_TIMESTAMP),
      wide("Count", "string", Descriptions.EVENT_COUNT),
      new ColumnDefinition("Name", "string", "name", Descriptions.META_NAME, 1));

  /** JSON field names of one API version's Event. */
  private record Fields(String firstTimestamp, String lastTimestamp, String count, String source,
      String reportingController, String involvedObject, String message) {}

  private static final Fields CORE = new Fields("firstTimestamp", "lastTimestamp", "count", "source",
      "reportingComponent", "involvedObject", "message");
  private static final Fields EVENTS_V1 = new Fields("deprecatedFirstTimestamp",
      "deprecatedLastTimestamp", "deprecatedCount", "deprecatedSource", "reportingController",
      "regarding", "note");

  private final Fields fields;

  private EventPrinter(Fields fields) {
    this.fields = fields;
  }

  static TablePrinter core() {
    return new EventPrinter(CORE);
  }

  static TablePrinter eventsV1() {
    return new EventPrinter(EVENTS_V1);
  }

  @Override
  public List<ColumnDefinition> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode event, Instant now) {
    // A client may hand us either shape regardless of the group it asked for.
    Fields f = event.has("regarding") || event.has("note") || event.has("deprecatedCount")
        ? EVENTS_V1 : event.has("involvedObject") ? CORE : fields;

    JsonNode first = event.path(f.firstTimestamp());
    String firstSeen = Cells.isZeroTime(first)
        ? Cells.since(event.path("eventTime"), now) : Cells.since(first, now);
    JsonNode last = event.path(f.lastTimestamp());
    String lastSeen = Cells.isZeroTime(last) ? firstSeen : Cells.since(last, now);

    long count = Cells.integer(event.path(f.count()));
    JsonNode series = event.path("series");
    if (series.isObject()) {
      lastSeen = Cells.since(series.path("lastObservedTime"), now);
      count = Cells.integer(series.path("count"));
    } else if (count == 0) {
      // Singleton events of the new API carry no count.
      count = 1;
    }

    JsonNode involved = event.path(f.involvedObject());
    String kind = Cells.lower(Cells.text(involved.path("kind")));
    String involvedName = Cells.text(involved.path("name"));
    String target = involvedName.isEmpty() ? kind : kind + "/" + involvedName;

    JsonNode source = event.path(f.source());
    String component = Cells.firstNonEmpty(Cells.text(source.path("component")),
        Cells.text(event.path(f.reportingController())));
    String instance = Cells.firstNonEmpty(Cells.text(source.path("host")),
        Cells.text(event.path("reportingInstance")));
    String sourceCell = instance.isEmpty() ? component : component + ", " + instance;

    return List.of(
        lastSeen,
        Cells.text(event.path("type")),
        Cells.text(event.path("reason")),
        target,
        Cells.text(involved.path("fieldPath")),
        sourceCell,
        Cells.trimSpace(Cells.text(event.path(f.message()))),
        firstSeen,
        count,
        Cells.name(event));
  }
}
