package dev.berth.api.table;

/** Columns that many kinds share. */
final class Columns {

  static final ColumnDefinition NAME =
      new ColumnDefinition("Name", "string", "name", Descriptions.META_NAME, 0);
  static final ColumnDefinition AGE = ColumnDefinition.of("Age", "string", Descriptions.META_CREATION);
  static final ColumnDefinition CONTAINERS_WIDE =
      ColumnDefinition.wide("Containers", "string", Descriptions.TEMPLATE_CONTAINERS);
  static final ColumnDefinition IMAGES_WIDE =
      ColumnDefinition.wide("Images", "string", Descriptions.TEMPLATE_IMAGES);

  private Columns() {}
}
