package org.historian.app;

import java.util.concurrent.Callable;
import org.historian.model.Community;
import org.historian.model.CommunityId;
import org.historian.service.MessageSync;
import org.historian.waku.MessageSource;
import org.historian.waku.StoreNodeClient;
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
            Community target = historian.communities().find(id)
                    .orElseThrow(() -> new IllegalArgumentException("no community " + id + "; add it first with: historian community add"));
            MessageSource source = node != null ? new StoreNodeClient(StoreNodeClient.parseUrl(node), StoreNodeClient.Options.defaults())
                    : historian.messageSource();
            if (!(source instanceof StoreNodeClient)) {
                throw new IllegalStateException("no store node is configured: give --node http://… or save one with "
                        + "historian settings set store.nodeUrl http://…");
            }
            MessageSource.Availability availability = source.check();
            if (!availability.available()) {
                throw new IllegalStateException(availability.detail());
            }
            MessageSync.Outcome outcome;
            if (from == null && to == null) {
                outcome = historian.messageSync().catchUp(target, source);
            } else {
                long end = to != null ? to : historian.clock().instant().getEpochSecond() + 1;
                outcome = historian.messageSync().sync(target, source, from != null ? from : 0, end);
            }
            spec.commandLine().getOut().printf("Fetched %d messages from %s over [%s, %s); %d were new.%n", outcome.fetched(),
                    source.describe(), TimeArgument.format(outcome.from()), TimeArgument.format(outcome.to()), outcome.stored());
            return 0;
        }
    }
}
