package org.tsbase.application.intake;

import org.tsbase.application.form.ApplicantOpinion;
import org.tsbase.application.form.Contact;
import org.tsbase.events.ApplicationType;
import tools.jackson.databind.JsonNode;

/**
 * The form as a client sends it (POST creates a draft, PUT replaces the draft's content). {@code organization} and
 * {@code evidence} take the fields of the {@code type} (API.md) and are read strictly against it. The client never
 * sets {@code id}, {@code status}, {@code score}, {@code version}, timestamps or opinions: such fields are refused.
 */
public record ApplicationRequest(
        String callId,
        ApplicationType type,
        JsonNode organization,
        Contact contact,
        String workDescription,
        JsonNode evidence,
        ApplicantOpinion applicantOpinion) {
}
