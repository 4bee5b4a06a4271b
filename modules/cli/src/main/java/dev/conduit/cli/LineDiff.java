package dev.conduit.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff for people, as {@code diff -u} marks it: removed lines with {@code -}, added ones
 * with {@code +}, one line of context around each change, {@code …} between distant changes.
 * Small files only (configs): it compares every line with every line.
 */
final class LineDiff {

    /** Beyond this many lines on either side, only the numbers of lines are compared. */
    private static final int MAX_LINES = 5_000;

    private LineDiff() {}

    /** The marked lines; empty when the texts are the same. */
    static List<String> of(String before, String after) {
        List<String> old = before.lines().toList();
        List<String> now = after.lines().toList();
        if (old.size() > MAX_LINES || now.size() > MAX_LINES) {
            return old.equals(now) ? List.of()
                    : List.of("(too long to compare line by line: " + old.size() + " lines before, " + now.size() + " after)");
        }
        // common[i][j]: the longest common subsequence of old[i..] and now[j..]
        int[][] common = new int[old.size() + 1][now.size() + 1];
        for (int i = old.size() - 1; i >= 0; i--) {
            for (int j = now.size() - 1; j >= 0; j--) {
                common[i][j] = old.get(i).equals(now.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> marked = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < old.size() || j < now.size()) {
            if (i < old.size() && j < now.size() && old.get(i).equals(now.get(j))) {
                marked.add("  " + old.get(i++));
                j++;
            } else if (j < now.size() && (i == old.size() || common[i][j + 1] >= common[i + 1][j])) {
                marked.add("+ " + now.get(j++));
            } else {
                marked.add("- " + old.get(i++));
            }
        }
        return withContext(marked);
    }

    private static List<String> withContext(List<String> marked) {
        List<String> shown = new ArrayList<>();
        int lastShown = -1;
        for (int k = 0; k < marked.size(); k++) {
            boolean near = false;
            for (int d = -1; d <= 1; d++) {
                int at = k + d;
                near |= at >= 0 && at < marked.size() && !marked.get(at).startsWith("  ");
            }
            if (near) {
                if (lastShown >= 0 && k > lastShown + 1) {
                    shown.add("…");
                }
                shown.add(marked.get(k));
                lastShown = k;
            }
        }
        return shown;
    }
}
