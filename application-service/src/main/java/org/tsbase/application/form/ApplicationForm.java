package org.tsbase.application.form;

/**
 * The content of one application form: 附件2 for a demonstration point, 附件3 for a demonstration zone, with the
 * structured evidence the rubric reads. Any part may be missing in a draft; {@link Completeness} says which.
 */
public sealed interface ApplicationForm permits PointForm, ZoneForm {

    Organization organization();

    Contact contact();

    /** 商业秘密保护工作开展情况 (the free text of the form; more pages go in as attachments). */
    String workDescription();

    Evidence evidence();

    /** 申报单位意见: signed by the head, sealed, dated. */
    ApplicantOpinion applicantOpinion();
}
