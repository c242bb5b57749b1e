package org.tsbase.application.form;

import java.time.LocalDate;

/**
 * 申报单位意见 (附件2/3): the head signs, the unit seals, with a date.
 *
 * @param signatory 负责人
 * @param sealed    单位公章 affixed (on the sealed form, attached as a file)
 */
public record ApplicantOpinion(String signatory, Boolean sealed, LocalDate date) {
}
