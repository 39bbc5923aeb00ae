package org.historian.archive;

import java.io.InterruptedIOException;

/** The run was cancelled; the folder is as it was before the run. */
public class RunCancelledException extends InterruptedIOException {
    public RunCancelledException(String message) {
        super(message);
    }
}
