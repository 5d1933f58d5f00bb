package dev.berth.api.proto;

/**
 * A bounds-checked reader of the protobuf wire format over one slice of a byte array. Every read
 * checks the slice limit, so truncated or garbage input ends in {@link MalformedProtobuf}, never in
 * an index error or a loop that does not advance. Error texts follow the ones gogo-protobuf's
 * generated unmarshalers (which kube-apiserver runs) produce for the same input.
 */
final class ProtoReader {

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int START_GROUP = 3;
  static final int END_GROUP = 4;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int limit;

  ProtoReader(byte[] buf, int offset, int limit) {
    this.buf = buf;
    this.pos = offset;
    this.limit = limit;
  }

  boolean atEnd() {
    return pos >= limit;
  }

  int position() {
    return pos;
  }

  byte[] buffer() {
    return buf;
  }

  /** Reads a field tag, rejecting field number 0 and numbers beyond the int32 range as gogo does. */
  long readTag(String messageName) {
    long tag = readVarint();
    int wireType = (int) (tag & 7);
    long fieldNumber = tag >>> 3;
    if (wireType == END_GROUP) {
      throw new MalformedProtobuf("proto: " + messageName + ": wiretype end group for non-group");
    }
    if (fieldNumber <= 0 || fieldNumber > Integer.MAX_VALUE) {
      throw new MalformedProtobuf("proto: " + messageName + ": illegal tag " + (int) fieldNumber
          + " (wire type " + wireType + ")");
    }
    return tag;
  }

  long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw MalformedProtobuf.unexpectedEof();
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new MalformedProtobuf("proto: integer overflow");
  }

  int readFixed32() {
    if (limit - pos < 4) {
      throw MalformedProtobuf.unexpectedEof();
    }
    int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
        | (buf[pos + 3] & 0xFF) << 24;
    pos += 4;
    return v;
  }

  long readFixed64() {
    if (limit - pos < 8) {
      throw MalformedProtobuf.unexpectedEof();
    }
    long lo = readFixed32() & 0xFFFFFFFFL;
    long hi = readFixed32() & 0xFFFFFFFFL;
    return lo | hi << 32;
  }

  /**
   * Reads the length prefix of a length-delimited field and returns the end offset of its payload;
   * the reader is left at the payload start. Call {@link #skipTo(int)} with the end after use.
   */
  int readLengthDelimitedEnd() {
    long length = readVarint();
    if (length < 0) {
      throw new MalformedProtobuf("proto: negative length found during unmarshaling");
    }
    long end = pos + length;
    if (end > limit) {
      throw MalformedProtobuf.unexpectedEof();
    }
    return (int) end;
  }

  void skipTo(int offset) {
    pos = offset;
  }

  /** Skips the value of a field this reader does not know, including (obsolete) groups. */
  void skipField(int wireType) {
    int groupDepth = 0;
    while (true) {
      switch (wireType) {
        case VARINT -> readVarint();
        case FIXED64 -> readFixed64();
        case FIXED32 -> readFixed32();
        case LENGTH_DELIMITED -> pos = readLengthDelimitedEnd();
        case START_GROUP -> groupDepth++;
        case END_GROUP -> {
          if (groupDepth == 0) {
            throw new MalformedProtobuf("proto: unexpected end of group");
          }
          groupDepth--;
        }
        default -> throw new MalformedProtobuf("proto: illegal wireType " + wireType);
      }
      if (groupDepth == 0) {
        return;
      }
      // Inside a group: keep skipping its fields until the matching end-group tag.
      wireType = (int) (readVarint() & 7);
    }
  }
}
