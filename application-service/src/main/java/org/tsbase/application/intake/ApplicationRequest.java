package org.tsbase.application.intake;

import org.tsbase.application.form.ApplicantOpinion;
import io.swagger.v3.oas.annotations.media.Schema;
import org.tsbase.application.form.Contact;
import org.tsbase.application.form.PointEvidence;
import org.tsbase.application.form.PointOrganization;
import org.tsbase.application.form.ZoneEvidence;
import org.tsbase.application.form.ZoneOrganization;
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
        @Schema(description = "the fields of the type: POINT (附件2) or ZONE (附件3)",
                oneOf = {PointOrganization.class, ZoneOrganization.class}) JsonNode organization,
        Contact contact,
        @Schema(description = "商业秘密保护工作开展情况", maxLength = 5000) String workDescription,
        @Schema(description = "the evidence fields of the type (API.md)",
                oneOf = {PointEvidence.class, ZoneEvidence.class}) JsonNode evidence,
        ApplicantOpinion applicantOpinion) {
}
