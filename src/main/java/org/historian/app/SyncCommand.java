package org.historian.app;

import java.util.concurrent.Callable;
import java.util.Optional;
import org.historian.model.CommunityId;
import org.historian.service.MessageSync;
import org.historian.service.StoreSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sync", description = {
        "Fetch a community's missed messages from a nwaku store node into the local store: from the newest",
        "stored message (or 30 days back) to now, or over [--from, --to). All or nothing: a sync that fails",
        "stores none of what it fetched."})
final class SyncCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Mixin
    CommunityOption community;

    @Option(names = "--node", paramLabel = "URL", description = "The node's REST URL. Default: the store.nodeUrl setting.")
    String node;

    @Option(names = "--from", paramLabel = "T", converter = TimeArgument.class, description = "Start (inclusive).")
    Long from;

    @Option(names = "--to", paramLabel = "T", converter = TimeArgument.class, description = "End (exclusive); default now.")
    Long to;

    @Override
    public Integer call() throws Exception {
        CommunityId id = community.id();
        try (Historian historian = data.open()) {
            StoreSync.Result result = historian.storeSync().sync(id, Optional.ofNullable(node), Optional.ofNullable(from),
                    Optional.ofNullable(to));
            MessageSync.Outcome outcome = result.outcome();
            spec.commandLine().getOut().printf("Fetched %d messages from %s over [%s, %s); %d were new.%n", outcome.fetched(),
                    result.node(), TimeArgument.format(outcome.from()), TimeArgument.format(outcome.to()), outcome.stored());
            return 0;
        }
    }
}
