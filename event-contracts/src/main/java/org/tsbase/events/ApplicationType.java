package org.tsbase.events;

/** 示范点 (an enterprise or institute, form 附件2) or 示范区 (a park, form 附件3). */
public enum ApplicationType {
    POINT, ZONE
}
