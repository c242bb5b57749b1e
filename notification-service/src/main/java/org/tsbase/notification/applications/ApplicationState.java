package org.tsbase.notification.applications;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.tsbase.events.ApplicationType;

/**
 * The workflow status of one application as its events tell it (created, submitted, status changed, withdrawn,
 * returned); a newer application version replaces an older one. The reminders read a call's drafts and its
 * applications awaiting review through the {@code call_status} index, a page at a time after the last id.
 */
@Document(ApplicationState.COLLECTION)
@CompoundIndex(name = "call_status", def = "{'callId': 1, 'status': 1, '_id': 1}")
public record ApplicationState(
        @Id String applicationId,
        String callId,
        ApplicationType type,
        String creditCode,
        String organizationName,
        String status,
        long version) {

    static final String COLLECTION = "application_states";
}
