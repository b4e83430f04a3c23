package org.openwec.app.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.openwec.core.model.UserError;

/** Files named on the command line; every way reading them can fail is a message naming the file. */
final class InputFiles {
    private InputFiles() {}

    static String text(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new UserError("The " + what + " " + file + " is not UTF-8 text: save it as UTF-8.");
        } catch (IOException e) {
            throw unreadable(file, what, e);
        }
    }

    static byte[] bytes(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, what, e);
        }
    }

    private static UserError unreadable(Path file, String what, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new UserError("The " + what + " " + file + " does not exist.");
        }
        if (e instanceof AccessDeniedException) {
            return new UserError("The " + what + " " + file + " is not readable: check its permissions.");
        }
        if (Files.isDirectory(file)) {
            return new UserError("The " + what + " " + file + " is a directory, not a file.");
        }
        return new UserError("Cannot read the " + what + " " + file + ": " + e.getMessage());
    }
}
