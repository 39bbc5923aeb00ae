package org.historian.app;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.historian.service.KeyVault;
import picocli.CommandLine.Option;

/**
 * Where the key passphrase comes from: a file ({@code --passphrase-file}, first line), the
 * {@code HISTORIAN_PASSPHRASE} environment variable, or the terminal without echo. Never an
 * argument: arguments show in the process list and the shell history.
 */
public final class PassphraseOption {
    static final String ENVIRONMENT = "HISTORIAN_PASSPHRASE";
    static final String PROMPT = "Passphrase for the community keys: ";
    /** A passphrase file is a line, not a document. */
    private static final int MAX_FILE_BYTES = 4096;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = {"File whose first line is the passphrase that protects the community keys",
                    "(else $" + ENVIRONMENT + ", else asked on the terminal)."})
    Path passphraseFile;

    boolean given() {
        return passphraseFile != null || System.getenv(ENVIRONMENT) != null;
    }

    /** @throws IllegalArgumentException when there is no way to get a passphrase */
    char[] read(String prompt) throws IOException {
        if (passphraseFile != null) {
            return firstLine(passphraseFile, MAX_FILE_BYTES, "--passphrase-file").toCharArray();
        }
        String fromEnvironment = System.getenv(ENVIRONMENT);
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no passphrase: give --passphrase-file FILE or set " + ENVIRONMENT
                    + " (there is no terminal to ask on)");
        }
        char[] typed = console.readPassword("%s", prompt);
        if (typed == null) {
            throw new IllegalArgumentException("no passphrase was typed");
        }
        return typed;
    }

    /**
     * Unlocks every stored key with the passphrase.
     *
     * @return how many keys are unlocked
     * @throws IllegalArgumentException when the passphrase opens none
     */
    int unlock(KeyVault keys) throws IOException {
        char[] secret = read(PROMPT);
        try {
            return keys.unlock(secret);
        } catch (KeyVault.KeyVaultException e) {
            throw new IllegalArgumentException("the keys were not unlocked: " + e.getMessage());
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** The first line of a small file, without its line end. */
    static String firstLine(Path file, int maxBytes, String what) throws IOException {
        byte[] bytes = InputFiles.read(file, maxBytes, what);
        try {
            return firstLine(new String(org.historian.model.Utf8Text.withoutBom(bytes), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first line of a text, without its line end. */
    static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
