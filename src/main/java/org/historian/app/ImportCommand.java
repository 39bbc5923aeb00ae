package org.historian.app;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.historian.service.MessageImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", description = {
        "Store the messages of an NDJSON file (one message per line: timestamp, topic, payload, sig, padding, hash, thirdPartyId).",
        "Bad lines are reported with their line number and skipped; messages already stored (same hash) are skipped.",
        "Exit code 1 when any line was bad."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.ndjson", description = "The file to import, or - for standard input.")
    Path file;

    @Override
    public Integer call() throws Exception {
        try (Historian historian = data.open()) {
            return importFile(historian);
        }
    }

    private int importFile(Historian historian) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = "-".equals(file.toString()) ? "<stdin>" : file.toString();
        MessageImporter.Report report;
        InputStream opened = "-".equals(file.toString()) ? System.in : InputFiles.open(file, "import");
        try (InputStream input = opened) {
            report = historian.importer().importNdjson(input, MessageImporter.Listener.NONE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CommandLineSupport.printable(name) + ": " + e.getMessage(), e);
        }
        for (MessageImporter.LineError error : report.errors()) {
            err.println(CommandLineSupport.printable(name + ":" + error.line() + ": " + error.reason()));
        }
        if (report.errorCount() > report.errors().size()) {
            err.println(name + ": ... and " + (report.errorCount() - report.errors().size()) + " more bad lines");
        }
        out.printf("Imported %d messages from %s (%d already stored, %d bad lines of %d).%n", report.imported(), name,
                report.duplicates(), report.errorCount(), report.lines());
        return report.errorCount() == 0 ? 0 : 1;
    }
}
