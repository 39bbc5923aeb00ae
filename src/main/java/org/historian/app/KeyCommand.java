package org.historian.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.historian.model.CommunityId;
import org.historian.model.SigningKey;
import org.historian.service.KeyVault;
import org.historian.model.KeyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "key", description = {"The community private keys that sign magnet links, kept encrypted with a passphrase."},
        subcommands = {KeyCommand.Import.class, KeyCommand.Remove.class, KeyCommand.ListKeys.class})
final class KeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "import", description = {"Import a community's private key (64 hex digits) from standard input or --key-file.",
            "It must be the key of the community ID; it is stored only encrypted with the passphrase,",
            "which must be the same for every key of the data directory."})
    static final class Import implements Callable<Integer> {
        private static final int MAX_KEY_BYTES = 1024;

        @Mixin
        DataDirOption data;
        @Mixin
        PassphraseOption passphrase;
        @Spec
        CommandSpec spec;

        @Mixin
        CommunityOption community;

        @Option(names = "--key-file", paramLabel = "FILE", description = "File whose first line is the key (default: standard input).")
        Path keyFile;

        @Option(names = "--shard-key", description = {"The key is the community's protected-shard key (signs the Waku",
                "message's meta), not the community key."})
        boolean shard;

        @Override
        public Integer call() throws Exception {
            CommunityId id = community.id();
            String text = keyFile != null ? PassphraseOption.firstLine(keyFile, MAX_KEY_BYTES, "--key-file") : readStandardInput();
            SigningKey key;
            try {
                key = SigningKey.parseHex(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the key was not imported: " + e.getMessage());
            }
            try (Historian historian = data.open()) {
                if (historian.admin().find(id).isEmpty()) {
                    throw new IllegalArgumentException("community " + id + " is not added; add it first (historian community add)");
                }
                char[] secret = passphrase.read(PassphraseOption.PROMPT);
                try {
                    historian.keys().importKey(id, shard ? KeyKind.SHARD : KeyKind.COMMUNITY, key, secret);
                } catch (KeyVault.KeyVaultException e) {
                    throw new IllegalArgumentException("the key was not imported: " + e.getMessage());
                } finally {
                    Arrays.fill(secret, '\0');
                }
                spec.commandLine().getOut().println("Imported the " + (shard ? "shard" : "community") + " key of " + id
                        + ", stored encrypted. Magnet links are signed with it once the keys are unlocked.");
                return 0;
            }
        }

        private static String readStandardInput() throws java.io.IOException {
            byte[] bytes = System.in.readNBytes(MAX_KEY_BYTES + 1);
            if (bytes.length > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("standard input holds more than " + MAX_KEY_BYTES + " bytes; give only the key");
            }
            return PassphraseOption.firstLine(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Command(name = "remove", description = "Delete a community's stored key (its links are no longer published).")
    static final class Remove implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandSpec spec;

        @Mixin
        CommunityOption community;

        @Option(names = "--shard-key", description = "Remove the protected-shard key instead of the community key.")
        boolean shard;

        @Override
        public Integer call() throws Exception {
            CommunityId id = community.id();
            try (Historian historian = data.open()) {
                boolean removed = historian.keys().remove(id, shard ? KeyKind.SHARD : KeyKind.COMMUNITY);
                spec.commandLine().getOut().println(removed ? "Removed the " + (shard ? "shard" : "community") + " key of " + id + "."
                        : "No " + (shard ? "shard" : "community") + " key of " + id + " was stored.");
                return removed ? 0 : 1;
            }
        }
    }

    @Command(name = "list", description = "List the stored keys by community and public key (never the keys themselves).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Historian historian = data.open()) {
                PrintWriter out = spec.commandLine().getOut();
                List<org.historian.service.KeyVault.StoredKey> stored = historian.keys().stored();
                if (stored.isEmpty()) {
                    out.println("No keys stored. Import one with: historian key import --community 0x…");
                }
                for (var key : stored) {
                    out.printf("%s  %-9s  public key %s  (%s, imported %s)%n", key.community().hex(), key.kind().name().toLowerCase(
                            java.util.Locale.ROOT), key.publicKey(), key.kdf(), key.importedAt());
                }
                return 0;
            }
        }
    }
}
