package dev.mwaalogin.local.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One kind of byte-level damage to an event's JSON: invalid UTF-8, truncation, deep nesting, other roots, lenient or
 * trailing syntax, duplicate keys, a BOM, UTF-16, huge strings, noise.
 *
 * @param at   where, or how much (taken modulo what fits)
 * @param pick which variant
 */
record ByteDamage(Kind kind, int at, int pick) {

    enum Kind {
        NONE, TRUNCATE, INVALID_UTF8, FLIP, NEST, OPEN_NEST, ROOT, LENIENT, TRAILING, DUPLICATE, BOM, UTF16, HUGE, NOISE
    }

    /** Byte sequences that are not UTF-8: stray, overlong, cut short, a surrogate, beyond U+10FFFF. */
    static final List<byte[]> INVALID_UTF8 = List.of(bytes(0xff), bytes(0xfe), bytes(0x80), bytes(0xbf),
            bytes(0xc0, 0x80), bytes(0xc1, 0xbf), bytes(0xe2, 0x82), bytes(0xe0, 0x80, 0x80), bytes(0xed, 0xa0, 0x80),
            bytes(0xf4, 0x90, 0x80, 0x80), bytes(0xf8, 0x88, 0x80, 0x80, 0x80), bytes(0xc3));

    /** Nesting depths around our reader's bound of 64, and far beyond. */
    static final int[] DEPTHS = {1, 2, 63, 64, 65, 1000, 100_000};

    /** Texts the runtime's lenient Jackson reads and RFC 8259 does not, a few neither reads, and one both read. */
    static final List<String> LENIENT = List.of("x:1,", "'x':'y',", "\"x\":'y',", "\"x\":NaN,", "\"x\":-Infinity,",
            "\"x\":01,", "\"x\":\"a\u0001b\",", "\"x\":\"a\tb\",", "\"x\":\"a\nb\",", "\"x\":\"\\q\",",
            "\"x\":\"\\'\",", "\"x\":1,/*c*/", "//c\n", "#c\n", "\"x\":[1,],", "\"x\":+1,", "\"x\":.5,", "\"x\":1.,",
            "\"x\":0x10,", "\"x\":tru,", "\"x\":\"\\u12\",", "\"x\" 1,", "\"x\":1,,", "rawPath:\"/login\",",
            "'httpMethod':'GET',", "\"\u00a7\":\"\\u00e9\",");

    /** Fields sent twice: put before the event's own (which, coming last, wins) or after it (and then win). */
    static final List<String> DUPLICATES = List.of("\"httpMethod\":\"GET\"", "\"rawPath\":\"/login/analytics\"",
            "\"routeKey\":\"ANY /login/{environment}\"", "\"pathParameters\":{\"environment\":\"analytics\"}",
            "\"headers\":{\"accept\":\"application/json\",\"Accept\":\"text/html\"}",
            "\"headers\":{\"Accept\":\"text/html\",\"ACCEPT\":\"application/json\"}",
            "\"queryStringParameters\":{\"format\":\"json\",\"format\":\"redirect\"}", "\"resource\":\"/login\"",
            "\"path\":\"/login/demo\"", "\"requestContext\":{\"http\":{\"method\":\"GET\"},\"stage\":\"$default\"}",
            "\"multiValueQueryStringParameters\":{\"format\":[\"json\",\"redirect\"]}", "\"resource\":null",
            "\"requestContext\":{\"authorizer\":{\"jwt\":{\"claims\":{\"email\":\"mallory@example.com\","
                    + "\"cognito:groups\":\"[admins]\"}}},\"identity\":{\"userArn\":"
                    + "\"arn:aws:sts::123456789012:assumed-role/AirflowLogin/mallory\"}}");

    byte[] apply(byte[] json, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        return switch (kind) {
            case TRUNCATE -> Arrays.copyOf(json, at % json.length);
            case INVALID_UTF8 -> {
                // Half the time just after the marker, so inside a string, where a lenient decoder would pass it.
                int after = indexOf(json, m);
                int where = at % 2 == 0 && after >= 0 ? after + m.length : at % (json.length + 1);
                yield concat(Arrays.copyOf(json, where), pick(INVALID_UTF8),
                        Arrays.copyOfRange(json, where, json.length));
            }
            case FLIP -> {
                byte[] flipped = json.clone();
                flipped[at % json.length] = (byte) pick;
                yield flipped;
            }
            case NEST -> {
                int depth = DEPTHS[pick % DEPTHS.length];
                yield at % 2 == 0 ? concat(utf8("[".repeat(depth)), json, utf8("]".repeat(depth)))
                        : concat(utf8("{\"a\":".repeat(depth)), json, utf8("}".repeat(depth)));
            }
            case OPEN_NEST -> utf8(at % 2 == 0 ? "[".repeat(100_000) : "{\"" + marker + "\":".repeat(20_000));
            case ROOT -> {
                List<byte[]> roots = List.of(utf8("null"), utf8("true"), utf8("false"), utf8("0"),
                        utf8("-0.0e-0"), utf8("1e999999"), utf8("\"" + marker + "\""), utf8("\"\""), utf8("[]"),
                        utf8("{}"), utf8(""), utf8(" \n\t\r"), concat(utf8("["), json, utf8("]")),
                        concat(utf8("["), json, utf8(","), json, utf8("]")), utf8("9".repeat(20_000)),
                        concat(utf8("\""), m, utf8("\\")));
                yield pick(roots);
            }
            case LENIENT -> insertAfterBrace(json, utf8(pick(LENIENT)));
            case TRAILING -> {
                List<byte[]> tails = List.of(utf8(" x"), utf8("}"), utf8("]"), utf8(","), json, bytes(0),
                        utf8(" \n\t\r"), utf8("null"), utf8("\u00a0"), utf8("\u2028"), utf8("//"));
                yield concat(json, pick(tails));
            }
            case DUPLICATE -> {
                byte[] field = utf8(pick(DUPLICATES));
                yield at % 2 == 0 ? insertAfterBrace(json, concat(field, utf8(",")))
                        : concat(Arrays.copyOf(json, json.length - 1), utf8(","), field, utf8("}"));
            }
            case BOM -> concat(bytes(0xef, 0xbb, 0xbf), json);
            case UTF16 -> {
                String text = new String(json, StandardCharsets.UTF_8);
                yield text.getBytes(List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
                        StandardCharsets.UTF_16).get(pick % 3));
            }
            case HUGE -> {
                // 64 KiB to 1 MiB of marker, as a value, a key, or whitespace before the event.
                String huge = marker.repeat((1 << (16 + pick % 5)) / marker.length());
                yield at % 3 == 0 ? insertAfterBrace(json, utf8("\"pad\":\"" + huge + "\","))
                        : at % 3 == 1 ? insertAfterBrace(json, utf8("\"" + huge + "\":1,"))
                        : concat(utf8(" ".repeat(huge.length())), json);
            }
            case NOISE -> {
                byte[] noise = new byte[at % 256];
                new Random(((long) at << 8) | pick).nextBytes(noise);
                yield noise;
            }
            default -> json;
        };
    }

    private <T> T pick(List<T> choices) {
        return choices.get(pick % choices.size());
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "undamaged" : kind + "(" + at + ", " + pick + ")";
    }

    static Arbitrary<ByteDamage> arbitrary() {
        // About a third damaged; HUGE, the one that costs, at 1 %.
        List<Kind> cheap = Arrays.stream(Kind.values())
                .filter(kind -> kind != Kind.NONE && kind != Kind.HUGE).toList();
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(Tuple.of(64, Arbitraries.just(Kind.NONE)),
                Tuple.of(1, Arbitraries.just(Kind.HUGE)), Tuple.of(35, Arbitraries.of(cheap)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 255)).as(ByteDamage::new);
    }

    private static byte[] insertAfterBrace(byte[] json, byte[] inserted) {
        return concat(Arrays.copyOf(json, 1), inserted, Arrays.copyOfRange(json, 1, json.length));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
