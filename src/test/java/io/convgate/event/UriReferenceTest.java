package io.convgate.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3986 section 4.1, case by case; the decoder's tests show the field-level reason. */
class UriReferenceTest {

  @Test
  void acceptsUriReferences() {
    for (String valid :
        List.of(
            "",
            "billing/stripe",
            "billing",
            "/billing/stripe",
            "./a",
            "../a/b",
            "?q=1",
            "#frag",
            "a?b/c?d#e/f?g",
            "https://shop.example.com",
            "https://shop.example.com/billing?region=eu#main",
            "HTTPS://EXAMPLE.COM:8443/",
            "https://example.com:/",
            "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
            "mailto:billing@example.com",
            "tag:example.com,2026:billing",
            "a+b-c.d:x",
            "//example.com",
            "//user:pw@example.com:80/a",
            "//[::1]",
            "//[::]/",
            "//[2001:db8::7]:8080/billing",
            "//[2001:db8:0:0:0:0:2:1]",
            "//[::ffff:192.0.2.1]/",
            "//[v1.fe80::a+en1]/",
            "//192.0.2.1/",
            "a/b%20c%2Fd",
            "a:b:c",
            "a/b:c",
            "!$&'()*+,;=",
            "a@b")) {
      assertThat(UriReference.isValid(valid)).as(valid).isTrue();
    }
  }

  @Test
  void refusesWhatIsNotAUriReference() {
    for (String invalid :
        List.of(
            "a b",
            "é",
            "billing/stripé",
            "a\u0000",
            "a\n",
            "1a:b",
            ":a",
            "-a:b",
            "a_b:c",
            "%",
            "%2",
            "%zz",
            "a%2g",
            "a#b#c",
            "a<b>",
            "a\"b",
            "a{b}",
            "a|b",
            "a\\b",
            "a^b",
            "a`b",
            "a[b]",
            "//exa mple.com",
            "//example.com:8a/",
            "//a@b@c/",
            "//[::1",
            "//[::1]x/",
            "//[1:2:3:4:5:6:7:8:9]",
            "//[1::2::3]",
            "//[12345::]",
            "//[:1]",
            "//[1:]",
            "//[::ffff:256.0.0.1]",
            "//[::ffff:01.0.0.1]",
            "//[v.x]",
            "//[vg.x]",
            "//[1.2.3.4]")) {
      assertThat(UriReference.isValid(invalid)).as(invalid).isFalse();
    }
  }
}
