package org.tsbase.scoring.sheet;

/** The sheet changed under us (another update won): reload and try again. */
class ConcurrentSheetUpdate extends RuntimeException {

    ConcurrentSheetUpdate(String applicationId) {
        super("score sheet " + applicationId + " was changed concurrently");
    }
}
