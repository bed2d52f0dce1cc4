package dev.mwaalogin.local.emulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A fault as people write it, on the command line or to the admin endpoint, with the number of requests it
 * applies to. Kinds: {@code latency}, {@code status}, {@code throttle}, {@code reset}, {@code hang},
 * {@code malformed-json} (alias {@code malformed}). A status without a type, and {@code throttle}, take the
 * target service's error type (see {@link FaultControl#status(int)}).
 *
 * <ul>
 *   <li>CLI: {@code KIND[:ARG[:ERROR_TYPE]][,times=N]}, e.g. {@code status:503}, {@code status:502:BadGateway},
 *       {@code latency:1500}, {@code hang:60000,times=1}, {@code reset}; durations in milliseconds.</li>
 *   <li>JSON: {@code {"kind":"status","status":503,"errorType":"...","times":2}},
 *       {@code {"kind":"latency","millis":1500}}, {@code {"kind":"hang","millis":60000}}.</li>
 * </ul>
 *
 * @param fault the fault
 * @param times how many requests it applies to, or {@link FaultBook#ALWAYS}
 */
record FaultSpec(Fault fault, int times) {

    static FaultSpec fromCli(String text) {
        return fromCli(text, Dialect.MWAA);
    }

    static FaultSpec fromCli(String text, Dialect dialect) {
        String[] parts = text.split(",");
        int times = FaultBook.ALWAYS;
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].startsWith("times=")) {
                throw new IllegalArgumentException("unknown fault option '" + parts[i] + "' (expected times=N)");
            }
            times = Integer.parseInt(parts[i].substring("times=".length()));
        }
        String[] kindAndArgs = parts[0].split(":", 3);
        String argument = kindAndArgs.length > 1 ? kindAndArgs[1] : null;
        String errorType = kindAndArgs.length > 2 ? kindAndArgs[2] : null;
        return new FaultSpec(fault(kindAndArgs[0], argument, errorType, dialect), times);
    }

    static FaultSpec fromJson(Map<String, Object> json) {
        return fromJson(json, Dialect.MWAA);
    }

    static FaultSpec fromJson(Map<String, Object> json, Dialect dialect) {
        Object kind = json.get("kind");
        if (!(kind instanceof String)) {
            throw new IllegalArgumentException("\"kind\" is required: one of latency, status, throttle, reset, "
                    + "hang, malformed-json");
        }
        Object argument = json.containsKey("status") ? json.get("status") : json.get("millis");
        Object errorType = json.get("errorType");
        Object times = json.getOrDefault("times", (long) FaultBook.ALWAYS);
        if (!(times instanceof Long count)) {
            throw new IllegalArgumentException("\"times\" must be a whole number");
        }
        return new FaultSpec(fault((String) kind, argument == null ? null : String.valueOf(argument),
                errorType == null ? null : String.valueOf(errorType), dialect), Math.toIntExact(count));
    }

    private static Fault fault(String kind, String argument, String errorType, Dialect dialect) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "latency" -> new Fault.Latency(millis(kind, argument));
            case "hang" -> new Fault.Hang(millis(kind, argument));
            case "status" -> {
                int status = Integer.parseInt(required(kind, argument));
                yield errorType == null ? dialect.statusFault(status) : new Fault.ErrorStatus(status, errorType);
            }
            case "throttle" -> dialect.throttle();
            case "reset" -> new Fault.ResetConnection();
            case "malformed-json", "malformedjson", "malformed" -> new Fault.MalformedJson();
            default -> throw new IllegalArgumentException("unknown fault kind '" + kind
                    + "' (latency, status, throttle, reset, hang, malformed-json)");
        };
    }

    private static Duration millis(String kind, String argument) {
        return Duration.ofMillis(Long.parseLong(required(kind, argument)));
    }

    private static String required(String kind, String argument) {
        if (argument == null) {
            throw new IllegalArgumentException("fault '" + kind + "' needs a value (milliseconds, or a status)");
        }
        return argument;
    }

    /** Arms this fault on a target. */
    void armOn(FaultControl control) {
        ArmedFault armed = control.arm(fault);
        if (times != FaultBook.ALWAYS) {
            armed.times(times);
        }
    }

    /** The JSON shape of a fault, as the admin endpoint shows it. */
    static Map<String, Object> describe(Fault fault, int remaining) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (fault instanceof Fault.Latency latency) {
            out.put("kind", "latency");
            out.put("millis", latency.delay().toMillis());
        } else if (fault instanceof Fault.Hang hang) {
            out.put("kind", "hang");
            out.put("millis", hang.duration().toMillis());
        } else if (fault instanceof Fault.ErrorStatus error) {
            out.put("kind", "status");
            out.put("status", error.status());
            out.put("errorType", error.errorType());
        } else if (fault instanceof Fault.ResetConnection) {
            out.put("kind", "reset");
        } else {
            out.put("kind", "malformed-json");
        }
        out.put("remaining", remaining == FaultBook.ALWAYS ? "always" : remaining);
        return out;
    }
}
