package dev.conduit.watchdog.internal;

import java.util.Locale;

/** Byte sizes as people write them: {@code 512m}, {@code 1g}, {@code 1.5 GiB}. */
public final class Sizes {

    private Sizes() {}

    /** Parses {@code 1g}, {@code 512m}, {@code 800k} or plain bytes (binary units). */
    public static long parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        long unit = switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String number = unit == 1 ? value : value.substring(0, value.length() - 1);
        try {
            double amount = Double.parseDouble(number);
            if (amount < 0) {
                throw new IllegalArgumentException("a size cannot be negative: " + text);
            }
            return Math.round(amount * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size (like 512m or 1g): " + text, e);
        }
    }

    public static String format(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%d KiB", bytes >> 10);
    }
}
