package dev.berth.api.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFormatsTest {

  @ParameterizedTest
  @CsvSource({
      "0, 0s",
      "1, 1ns",
      "999, 999ns",
      "1000, 1µs",
      "1500, 1.5µs",
      "1500000, 1.5ms",
      "250000000, 250ms",
      "1000000000, 1s",
      "1500000000, 1.5s",
      "90000000000, 1m30s",
      "3600000000000, 1h0m0s",
      "3661500000000, 1h1m1.5s",
      "-2000000000, -2s",
      "-1500, -1.5µs",
      "9223372036854775807, 2562047h47m16.854775807s",
      "-9223372036854775808, -2562047h47m16.854775808s"})
  void durationsAsGoPrintsThem(long nanos, String text) {
    assertThat(GoFormats.formatDuration(nanos)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0, false, 1970-01-01T00:00:00Z",
      "1704164645, 999999999, false, 2024-01-02T03:04:05Z",
      "1704164645, 123456789, true, 2024-01-02T03:04:05.123456Z",
      "1704164645, 0, true, 2024-01-02T03:04:05.000000Z",
      "1704164644, 1000000000, false, 2024-01-02T03:04:05Z",
      "1704164646, -1, true, 2024-01-02T03:04:05.999999Z",
      "-62167219200, 0, false, 0000-01-01T00:00:00Z",
      "253402300799, 0, false, 9999-12-31T23:59:59Z"})
  void timesInUtc(long seconds, long nanos, boolean micro, String text) {
    assertThat(GoFormats.formatTime(seconds, nanos, micro)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({"-62135596800, 0", "-62135596801, 1000000000"})
  void goZeroTimeIsNull(long seconds, long nanos) {
    assertThat(GoFormats.formatTime(seconds, nanos, false)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"253402300800", "-62167219201", "9223372036854775807", "-9223372036854775808"})
  void yearsOutsideFourDigitsAreRefused(long seconds) {
    assertThatThrownBy(() -> GoFormats.formatTime(seconds, 0, false))
        .isInstanceOf(MalformedProtobuf.class);
  }
}
