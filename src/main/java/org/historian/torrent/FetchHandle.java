package org.historian.torrent;

import java.util.concurrent.CompletableFuture;

/** A fetch in progress. The result fails with a {@link FetchException}. */
public interface FetchHandle {
    CompletableFuture<FetchResult> result();

    /** Stops the fetch; archives completed so far stay on disk. */
    void cancel();
}
