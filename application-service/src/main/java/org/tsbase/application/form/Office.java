package org.tsbase.application.form;

/** 具体的办事机构 with written duties (工作职责). */
public record Office(Boolean established, Boolean dutiesDefined) {
}
