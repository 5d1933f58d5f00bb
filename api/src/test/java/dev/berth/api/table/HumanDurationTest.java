package dev.berth.api.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest(name = "{0}s -> {1}")
  @CsvSource({
      "0, 0s",
      "5, 5s",
      "119, 119s",
      "120, 2m",
      "125, 2m5s",
      "599, 9m59s",
      "600, 10m",
      "659, 10m",
      "10799, 179m",
      "10800, 3h",
      "11100, 3h5m",
      "28799, 7h59m",
      "28800, 8h",
      "172799, 47h",
      "172800, 2d",
      "183600, 2d3h",
      "691199, 7d23h",
      "691200, 8d",
      "63071999, 729d",
      "63072000, 2y",
      "95558400, 3y11d",
      "95650000, 3y12d",
      "252288000, 8y",
      "-1, 0s",
      "-2, <invalid>",
  })
  void formatsLikeUpstream(long seconds, String expected) {
    assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}ms -> {1}")
  @CsvSource({
      "-1500, 0s",   // Go truncates -1.5s toward zero: within the tolerated skew
      "-1999, 0s",
      "-2000, <invalid>",
      "1999, 1s",
      "119999, 119s",
  })
  void truncatesFractionsTowardZero(long millis, String expected) {
    assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"500", "10000"})
  void saturatesAtGosMaximumDuration(long years) {
    assertThat(HumanDuration.format(Duration.ofDays(365 * years))).isEqualTo("292y");
  }
}
