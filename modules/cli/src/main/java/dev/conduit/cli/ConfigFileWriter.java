package dev.conduit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a config file the safe way: the old one is kept as {@code <name>.bak} beside it, the new
 * text goes to a temporary file in the same folder with the old file's permissions (or {@code 600}
 * for a new file) and is renamed over it, so readers — the worker's file watcher among them — see
 * the old file or the new one, never half of one. A symbolic link is followed: its target is
 * written, the link stays.
 */
final class ConfigFileWriter {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ConfigFileWriter() {}

    /** The backup of {@code file}, were it written now. */
    static Path backupOf(Path file) throws IOException {
        Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
        return target.resolveSibling(target.getFileName() + ".bak");
    }

    /** Writes {@code text} to {@code file}, keeping its permissions; answers the backup of the previous content, if any. */
    static Optional<Path> write(Path file, String text) throws IOException {
        return write(file, text, Files.exists(file) ? permissionsOf(file.toRealPath()) : OWNER_ONLY);
    }

    /** Writes {@code text} to {@code file} with these permissions; answers the backup of the previous content, if any. */
    static Optional<Path> write(Path file, String text, Set<PosixFilePermission> permissions) throws IOException {
        boolean existed = Files.exists(file);
        Path target = existed ? file.toRealPath() : file.toAbsolutePath();
        Optional<Path> backup = Optional.empty();
        if (existed) {
            Path copy = backupOf(target);
            Files.copy(target, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            backup = Optional.of(copy);
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            setPermissions(temporary, permissions);
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notHere) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return backup;
    }

    private static Set<PosixFilePermission> permissionsOf(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        return posix == null ? OWNER_ONLY : posix.readAttributes().permissions();
    }

    private static void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, permissions);
        }
    }
}
