package dev.conduit.control;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire form of {@link ControlMessage}s: one UTF-8 line each, a verb and then {@code key=value}
 * fields with percent-encoded values, for example {@code ready host=127.0.0.1 port=3456
 * drain=25000}. Lists are encoded items joined by commas.
 */
final class ControlLines {

    private ControlLines() {}

    static String encode(ControlMessage message) {
        return switch (message) {
            case ControlMessage.Hello hello -> "hello pid=" + hello.pid() + " args="
                    + String.join(",", hello.args().stream().map(ControlLines::escape).toList());
            case ControlMessage.Ready ready -> "ready host=" + escape(ready.host()) + " port=" + ready.port()
                    + " drain=" + ready.drainTimeoutMillis();
            case ControlMessage.Draining draining -> "draining";
            case ControlMessage.StoppingByRequest stopping -> "stopping deadline=" + stopping.deadlineMillis();
            case ControlMessage.RestartRequest restart -> "restart";
            case ControlMessage.Beat beat -> "beat heap=" + beat.heapUsedBytes() + " max=" + beat.heapMaxBytes();
            case ControlMessage.Handover handover -> "handover deadline=" + handover.deadlineMillis();
            case ControlMessage.Alarm alarm -> "alarm text=" + escape(alarm.text());
            case ControlMessage.Reload reload -> "reload";
        };
    }

    /** The message a line carries; empty for a verb this side does not know or a malformed line. */
    static Optional<ControlMessage> decode(String line) {
        String[] parts = line.strip().split(" ");
        Map<String, String> fields = new HashMap<>();
        for (String part : Arrays.asList(parts).subList(1, parts.length)) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                fields.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        try {
            return Optional.ofNullable(switch (parts[0]) {
                case "hello" -> new ControlMessage.Hello(number(fields, "pid"), list(fields.getOrDefault("args", "")));
                case "ready" -> new ControlMessage.Ready(unescape(required(fields, "host")),
                        Math.toIntExact(number(fields, "port")), number(fields, "drain"));
                case "draining" -> new ControlMessage.Draining();
                case "stopping" -> new ControlMessage.StoppingByRequest(number(fields, "deadline"));
                case "restart" -> new ControlMessage.RestartRequest();
                case "beat" -> new ControlMessage.Beat(number(fields, "heap"), number(fields, "max"));
                case "handover" -> new ControlMessage.Handover(number(fields, "deadline"));
                case "alarm" -> new ControlMessage.Alarm(unescape(fields.getOrDefault("text", "")));
                case "reload" -> new ControlMessage.Reload();
                default -> null;
            });
        } catch (IllegalArgumentException | ArithmeticException malformed) {
            return Optional.empty();
        }
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private static long number(Map<String, String> fields, String key) {
        return Long.parseLong(required(fields, key));
    }

    private static List<String> list(String value) {
        return value.isEmpty() ? List.of() : Arrays.stream(value.split(",", -1)).map(ControlLines::unescape).toList();
    }

    private static String escape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String unescape(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
