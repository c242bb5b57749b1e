package org.tsbase.notification.calls;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** What notification needs of a call: its title, for the mails' wording. */
@Document(CallCopy.COLLECTION)
record CallCopy(@Id String callId, String title, long version) {

    static final String COLLECTION = "call_copies";
}
