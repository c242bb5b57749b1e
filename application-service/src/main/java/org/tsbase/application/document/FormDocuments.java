package org.tsbase.application.document;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.tsbase.application.call.Call;
import org.tsbase.application.call.CallService;
import org.tsbase.application.intake.Application;
import org.tsbase.application.intake.ApplicationView;
import org.tsbase.documents.CjkFont;
import org.tsbase.support.security.Caller;

/** Prints applications as their forms (附件2/附件3), for one reader: what the reader may not see is masked. */
@Service
class FormDocuments {

    private final CallService calls;
    private final CjkFont font;
    private final FormText text;
    private final Clock clock;

    FormDocuments(CallService calls, CjkFont font, MessageSource messages, Clock clock) {
        this.calls = calls;
        this.font = font;
        this.text = new FormText(messages);
        this.clock = clock;
    }

    record Printed(byte[] pdf, String contentHash) {
    }

    Printed print(Application a, Caller caller) {
        Optional<List<ContactRow>> contacts = SubmittedContacts.of(a);
        String hash = ContentHash.of(a, contacts.orElse(null));
        Optional<Call> call = calls.find(a.callId());
        Instant now = clock.instant();
        // the view decides what this reader sees, as in the JSON: masked phones, the score once results are published
        ApplicationPdf.Input in = new ApplicationPdf.Input(a, ApplicationView.of(a, caller, call.orElse(null), now),
                call, contacts.map(c -> SubmittedContacts.masked(c, a, caller)), hash, now);
        return new Printed(ApplicationPdf.render(in, font, text), hash);
    }

    /** {@code 申报表_<name>_<first 8 of id>.pdf}. */
    static String fileName(Application a) {
        return "申报表_" + SafeNames.segment(a.organizationName() == null ? "未命名" : a.organizationName(), 60) + "_"
                + a.id().substring(0, Math.min(8, a.id().length())) + ".pdf";
    }
}
