package dev.conduit.config.internal;

import dev.conduit.config.ConfigException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a config file as UTF-8 text, turning I/O failures into messages for people. */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    public static String read(Path file) throws ConfigException {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": is a directory, not a file");
        }
        try {
            return Files.readString(file);
        } catch (NoSuchFileException missing) {
            throw new ConfigException(file + ": no such file");
        } catch (AccessDeniedException denied) {
            throw new ConfigException(file + ": permission denied");
        } catch (CharacterCodingException notUtf8) {
            throw new ConfigException(file + ": is not UTF-8 text");
        } catch (IOException unreadable) {
            throw new ConfigException(file + ": cannot be read");
        }
    }
}
