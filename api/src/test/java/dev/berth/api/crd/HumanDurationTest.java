package dev.berth.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest(name = "{0}s -> {1}")
  @CsvSource({
      "-3, <invalid>", "-1, 0s", "0, 0s", "5, 5s", "119, 119s", "120, 2m", "150, 2m30s",
      "599, 9m59s", "600, 10m", "10799, 179m", "10800, 3h", "11100, 3h5m", "28799, 7h59m",
      "28800, 8h", "172799, 47h", "172800, 2d", "183600, 2d3h", "691199, 7d23h", "691200, 8d",
      "63071999, 729d", "63072000, 2y", "80352000, 2y200d", "252288000, 8y", "315360000, 10y"})
  void formatsLikeUpstream(long seconds, String expected) {
    assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  @Test
  void subSecondNegativeDriftIsNow() {
    assertThat(HumanDuration.format(Duration.ofMillis(-1500))).isEqualTo("0s");
    assertThat(HumanDuration.format(Duration.ofMillis(-2500))).isEqualTo("<invalid>");
    assertThat(HumanDuration.format(Duration.ofMillis(1999))).isEqualTo("1s");
  }

  @Test
  void agesUseTheInjectedClock() {
    Clock clock = Clock.fixed(Instant.parse("2024-05-03T12:00:00Z"), ZoneOffset.UTC);
    assertThat(HumanDuration.ageOf("2024-05-01T09:00:00Z", clock)).isEqualTo("2d3h");
    assertThat(HumanDuration.ageOf("2024-05-03T13:00:00+01:00", clock)).isEqualTo("0s");
    assertThat(HumanDuration.ageOf("yesterday", clock)).isEqualTo("<invalid>");
    assertThat(HumanDuration.age(Instant.parse("2024-05-03T11:55:00Z"), clock)).isEqualTo("5m");
  }
}
