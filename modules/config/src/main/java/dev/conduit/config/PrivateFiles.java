package dev.conduit.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders Conduit creates under its home (logs, run files) are its user's alone: folders
 * 0700, files 0600, whatever the umask. Logs may hold provider names, hosts and error text;
 * run files lead to the process. Where the file system has no POSIX permissions (Windows), the
 * folder's inherited access control applies.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Creates {@code folder} and its missing parents as 0700; an existing {@code folder} is made 0700. */
    public static Path folder(Path folder) throws IOException {
        if (!posix(folder)) {
            return Files.createDirectories(folder);
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            folder(parent);
        }
        try {
            Files.createDirectory(folder, attribute(FOLDER));
        } catch (FileAlreadyExistsException exists) {
            Files.setPosixFilePermissions(folder, FOLDER);
        }
        return folder;
    }

    /** Creates {@code file} empty as 0600 unless it exists; an existing one is made 0600. */
    public static Path file(Path file) throws IOException {
        if (!posix(file.toAbsolutePath().getParent())) {
            return Files.exists(file) ? file : Files.createFile(file);
        }
        try {
            Files.createFile(file, attribute(FILE));
        } catch (FileAlreadyExistsException exists) {
            Files.setPosixFilePermissions(file, FILE);
        }
        return file;
    }

    private static boolean posix(Path path) throws IOException {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
