package dev.berth.api.selector;

import static dev.berth.api.selector.LabelSelectorTest.KEY_NAME_RULE;
import static dev.berth.api.selector.LabelSelectorTest.VALUE_RULE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelValidationTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "A", "0", "app", "app.kubernetes.io/name", "a-b_c.d", "kubernetes.io/os",
      "x/y", "a.b-c.d/E_f", "k8s.io/n12345678901234567890123456789012345678901234567890123456789012"})
  void validKeys(String key) {
    assertThat(LabelValidation.labelKeyErrors(key)).isEmpty();
    assertThat(LabelValidation.isValidLabelKey(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a-", ".a", "a b", "a/b/c", "/a", "a/", "A.b/c", "a_b/c", "-a.b/c",
      "a..b/c", "ä", "a\u00e9"})
  void invalidKeys(String key) {
    assertThat(LabelValidation.labelKeyErrors(key)).isNotEmpty();
    assertThat(LabelValidation.isValidLabelKey(key)).isFalse();
  }

  @Test
  void keyMessages() {
    assertThat(LabelValidation.labelKeyErrors("")).containsExactly("name part must be non-empty", KEY_NAME_RULE);
    assertThat(LabelValidation.labelKeyErrors("a".repeat(64)))
        .containsExactly("name part must be no more than 63 bytes");
    assertThat(LabelValidation.labelKeyErrors("a".repeat(250) + ".com/x"))
        .containsExactly("prefix part must be no more than 253 bytes");
    assertThat(LabelValidation.isValidLabelKey("a".repeat(250) + ".com/x")).isFalse();
    assertThat(LabelValidation.labelKeyErrors("a".repeat(63))).isEmpty();
    assertThat(LabelValidation.labelKeyErrors("é")).containsExactly(KEY_NAME_RULE);
    // length is counted in UTF-8 bytes, as Go does
    assertThat(LabelValidation.labelKeyErrors("é".repeat(32)))
        .containsExactly("name part must be no more than 63 bytes", KEY_NAME_RULE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "web", "1.0", "a-b_c.d", "A"})
  void validValues(String value) {
    assertThat(LabelValidation.labelValueErrors(value)).isEmpty();
    assertThat(LabelValidation.isValidLabelValue(value)).isTrue();
  }

  @Test
  void valueMessages() {
    assertThat(LabelValidation.labelValueErrors("-a")).containsExactly(VALUE_RULE);
    assertThat(LabelValidation.labelValueErrors("a/b")).containsExactly(VALUE_RULE);
    assertThat(LabelValidation.labelValueErrors("v".repeat(64))).containsExactly("must be no more than 63 bytes");
    assertThat(LabelValidation.labelValueErrors("-".repeat(64)))
        .containsExactly("must be no more than 63 bytes", VALUE_RULE);
    assertThat(LabelValidation.isValidLabelValue("v".repeat(64))).isFalse();
  }
}
