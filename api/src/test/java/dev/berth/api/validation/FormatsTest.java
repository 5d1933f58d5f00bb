package dev.berth.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormatsTest {

  static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
      + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
      + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  @ParameterizedTest
  @ValueSource(strings = {"a", "example.com", "a-b.c-d", "0", "x1.y2"})
  void validSubdomains(String s) {
    assertThat(Formats.dns1123Subdomain(s)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "-a", "a-", "a..b", "a_b", ".a", ""})
  void invalidSubdomainsCarryUpstreamsMessage(String s) {
    assertThat(Formats.dns1123Subdomain(s)).containsExactly(SUBDOMAIN_MSG);
  }

  @Test
  void subdomainLengthIsReportedWithTheRegexError() {
    String tooLong = "a".repeat(254);
    assertThat(Formats.dns1123Subdomain(tooLong)).containsExactly("must be no more than 253 characters");
    assertThat(Formats.dns1123Subdomain("A" + "a".repeat(253)))
        .containsExactly("must be no more than 253 characters", SUBDOMAIN_MSG);
  }

  /** Upstream's RegexError really joins examples with two spaces before "or"; clients see exactly that. */
  @Test
  void labelRejectsDotsWithTheirOwnMessage() {
    assertThat(Formats.dns1123Label("a.b")).containsExactly("must not contain dots");
    assertThat(Formats.dns1123Label("a_b")).containsExactly(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
            + "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    assertThat(Formats.dns1123Label("a".repeat(64))).containsExactly("must be no more than 63 characters");
  }

  @Test
  void dns1035LabelMustStartWithALetter() {
    assertThat(Formats.dns1035Label("my-svc")).isEmpty();
    assertThat(Formats.dns1035Label("1svc")).containsExactly("a DNS-1035 label must consist of lower case "
        + "alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric "
        + "character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void qualifiedNames() {
    assertThat(Formats.qualifiedName("app")).isEmpty();
    assertThat(Formats.qualifiedName("example.com/My_Name.1")).isEmpty();
    assertThat(Formats.qualifiedName("/a")).containsExactly("prefix part must be non-empty");
    assertThat(Formats.qualifiedName("a/")).containsExactly("name part must be non-empty",
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
            + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    assertThat(Formats.qualifiedName("Bad_Prefix/x")).containsExactly("prefix part " + SUBDOMAIN_MSG);
    assertThat(Formats.qualifiedName("a/b/c")).singleElement().asString()
        .startsWith("a valid label key must consist of alphanumeric characters")
        .endsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    assertThat(Formats.qualifiedName("x".repeat(64))).contains("name part must be no more than 63 characters");
  }

  @Test
  void labelValues() {
    assertThat(Formats.labelValue("")).isEmpty();
    assertThat(Formats.labelValue("v1.2_b-c")).isEmpty();
    assertThat(Formats.labelValue("-x")).containsExactly("a valid label must be an empty string or consist of "
        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  }

  @Test
  void configMapKeysAndEnvNames() {
    assertThat(Formats.configMapKey("a.b-c_D")).isEmpty();
    assertThat(Formats.configMapKey("..x")).containsExactly("must not start with '..'");
    assertThat(Formats.configMapKey("a/b")).singleElement().asString().startsWith("a valid config key must consist");
    assertThat(Formats.envVarName("MY_VAR")).isEmpty();
    assertThat(Formats.envVarName("1VAR")).singleElement().asString()
        .startsWith("a valid environment variable name must consist of alphabetic characters");
  }

  @ParameterizedTest
  @CsvSource({"http,", "a-1,", "1234,must contain at least one letter (a-z)", "a--b,must not contain consecutive hyphens",
      "-ab,must not begin or end with a hyphen", "abcdefghijklmnop,must be no more than 15 characters",
      "A,'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'"})
  void portNames(String name, String firstError) {
    List<String> errs = Formats.portName(name);
    if (firstError == null) {
      assertThat(errs).isEmpty();
    } else {
      assertThat(errs).first().isEqualTo(firstError);
    }
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.1,4", "010.000.000.001,4", "::1,16", "2001:db8::ffff,16", "::ffff:1.2.3.4,16",
      "fe80::1:2:3:4:5:6,16", "1:2:3:4:5:6:7:8,16"})
  void parsesAddressesWithoutResolvingNames(String ip, int length) {
    assertThat(Formats.parseIp(ip)).hasSize(length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "localhost", "1::2::3", "1:2:3:4:5:6:7:8:9", "::g",
      "1.2.3.4 "})
  void rejectsNonAddresses(String ip) {
    assertThat(Formats.parseIp(ip)).isNull();
    assertThat(Formats.ip(ip)).containsExactly("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
  }

  @Test
  void cidrs() {
    assertThat(Formats.cidr("10.244.0.0/16")).isEmpty();
    assertThat(Formats.cidr("fd00::/64")).isEmpty();
    assertThat(Formats.cidr("10.0.0.0/33")).containsExactly("must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    assertThat(Formats.cidr("10.0.0.0")).hasSize(1);
  }

  @Test
  void pathSegmentNames() {
    assertThat(Formats.pathSegmentName("system:controller:x")).isEmpty();
    assertThat(Formats.pathSegmentName("..")).containsExactly("may not be '..'");
    assertThat(Formats.pathSegmentName("a/b%c")).containsExactly("may not contain '/'", "may not contain '%'");
  }
}
