package dev.berth.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QuantityTest {

  @ParameterizedTest(name = "{0} = {1}, printed {2}")
  @CsvSource({
      "100m, 0.1, 100m",
      "1Gi, 1073741824, 1Gi",
      "1024Mi, 1073741824, 1Gi",
      "1536Mi, 1610612736, 1536Mi",
      "2.5, 2.5, 2500m",
      "1e3, 1000, 1e3",
      "1.5e3, 1500, 1500",
      "128974848, 128974848, 128974848",
      "129e6, 129000000, 129e6",
      "123Mi, 128974848, 123Mi",
      "0.5, 0.5, 500m",
      "2000, 2000, 2k",
      "1500, 1500, 1500",
      "1k, 1000, 1k",
      "1M, 1000000, 1M",
      "5E, 5000000000000000000, 5E",
      "1n, 0.000000001, 1n",
      "1u, 0.000001, 1u",
      "0.1m, 0.0001, 100u",
      "0.5Ki, 512, 512",
      "0.5Mi, 524288, 512Ki",
      "1.5Gi, 1610612736, 1536Mi",
      "-1, -1, -1",
      "+3, 3, 3",
      "0, 0, 0",
      "00.000, 0, 0",
      "1., 1, 1",
      ".5, 0.5, 500m",
      "1E, 1000000000000000000, 1E",
      "12e-3, 0.012, 12e-3",
  })
  void parsesAndPrintsCanonically(String text, String value, String canonical) {
    Quantity q = Quantity.parse(text);
    assertThat(q.value()).isEqualByComparingTo(new BigDecimal(value));
    assertThat(q.toString()).isEqualTo(canonical);
    assertThat(Quantity.parse(q.toString())).isEqualTo(q);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1.2.3", "1x", "Gi1", "1 Gi", "--1", "1e3.5"})
  void rejectsTextThatIsNoQuantity(String text) {
    assertThat(Quantity.validate(text)).isEqualTo(Quantity.FORMAT_ERROR);
    assertThat(Quantity.tryParse(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1K", "1mi", "1Ki2", "5eE3", "3Mm", "1e"})
  void rejectsUnknownSuffixes(String text) {
    assertThat(Quantity.validate(text)).isEqualTo(Quantity.SUFFIX_ERROR);
  }

  @Test
  void formatErrorIsUpstreamsText() {
    assertThat(Quantity.FORMAT_ERROR).isEqualTo(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    assertThatThrownBy(() -> Quantity.parse("x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(Quantity.FORMAT_ERROR);
  }

  @Test
  void roundsUpBeyondNanoAndCapsAtInt64() {
    assertThat(Quantity.parse("0.0000000001").toString()).isEqualTo("1n");
    assertThat(Quantity.parse("-0.0000000001").toString()).isEqualTo("-1n");
    assertThat(Quantity.parse("99999999999999999999").value()).isEqualByComparingTo(BigDecimal.valueOf(Long.MAX_VALUE));
    assertThat(Quantity.parse("100Ei").value()).isEqualByComparingTo(BigDecimal.valueOf(Long.MAX_VALUE));
  }

  @Test
  void comparesByValueNotSpelling() {
    assertThat(Quantity.parse("1Gi")).isEqualTo(Quantity.parse("1073741824"));
    assertThat(Quantity.parse("1Gi")).hasSameHashCodeAs(Quantity.parse("1073741824"));
    assertThat(Quantity.parse("500m")).isEqualTo(Quantity.parse("0.5"));
    assertThat(Quantity.parse("1")).isGreaterThan(Quantity.parse("999m"));
    assertThat(Quantity.parse("1G")).isLessThan(Quantity.parse("1Gi"));
  }

  @Test
  void milliAndWholeValuesRoundUp() {
    assertThat(Quantity.parse("100m").milliValue()).isEqualTo(100);
    assertThat(Quantity.parse("1.5").milliValue()).isEqualTo(1500);
    assertThat(Quantity.parse("1n").milliValue()).isEqualTo(1);
    assertThat(Quantity.parse("1.1").longValue()).isEqualTo(2);
    assertThat(Quantity.parse("2Gi").longValue()).isEqualTo(2147483648L);
    assertThat(Quantity.parse("8E").milliValue()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void arithmeticKeepsTheFormatOfTheLeftOperand() {
    assertThat(Quantity.parse("1Gi").plus(Quantity.parse("1Gi")).toString()).isEqualTo("2Gi");
    assertThat(Quantity.parse("1").minus(Quantity.parse("250m")).toString()).isEqualTo("750m");
    assertThat(Quantity.ofMillis(1500).toString()).isEqualTo("1500m");
    assertThat(Quantity.parse("1.0001").roundUpToMillis().toString()).isEqualTo("1001m");
  }

  @Test
  void trimsSurroundingWhitespaceAsJsonDecodingDoes() {
    assertThat(Quantity.parse(" 2Gi ").toString()).isEqualTo("2Gi");
  }
}
