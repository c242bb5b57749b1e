package org.tsbase.application.form;

/** 北京市商业秘密保护示范基地（示范点）申报表, 附件2. */
public record PointForm(
        PointOrganization organization,
        Contact contact,
        String workDescription,
        PointEvidence evidence,
        ApplicantOpinion applicantOpinion) implements ApplicationForm {
}
