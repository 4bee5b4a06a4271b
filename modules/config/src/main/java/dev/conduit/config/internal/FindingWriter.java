package dev.conduit.config.internal;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes findings the way compilers do, {@code FILE:LINE:COLUMN: path: what}, in the order they
 * appear in the file; a finding whose position cannot be found goes last, without one.
 */
public final class FindingWriter {

    private final Path file;
    private final PositionLocator locator;

    public FindingWriter(Path file, String text) {
        this.file = file;
        this.locator = new PositionLocator(text);
    }

    public List<String> inDocumentOrder(List<Finding> findings) {
        record Located(Optional<Position> position, Finding finding) {
        }
        Comparator<Optional<Position>> byPosition =
                Comparator.comparing(position -> position.orElse(null), Comparator.nullsLast(Comparator.naturalOrder()));
        return findings.stream()
                .map(finding -> new Located(locator.locate(finding.path()), finding))
                .sorted(Comparator.comparing(Located::position, byPosition))
                .map(located -> line(located.position(), located.finding()))
                .toList();
    }

    private String line(Optional<Position> position, Finding finding) {
        String where = position.map(at -> file + ":" + at).orElse(file.toString());
        String what = finding.path().isRoot() ? finding.message() : finding.path() + ": " + finding.message();
        return where + ": " + what;
    }
}
