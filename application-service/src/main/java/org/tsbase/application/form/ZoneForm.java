package org.tsbase.application.form;

/** 北京市商业秘密保护示范基地（示范区）申报表, 附件3. */
public record ZoneForm(
        ZoneOrganization organization,
        Contact contact,
        String workDescription,
        ZoneEvidence evidence,
        ApplicantOpinion applicantOpinion) implements ApplicationForm {
}
