package dev.channels;

/** The two references a depositing thread follows to signal a member. */
abstract class MemberSignalFields extends PadBefore {
    final Member<?, ?> member;
    final ReadyQueue<?, ?> queue;

    MemberSignalFields(Member<?, ?> member, ReadyQueue<?, ?> queue) {
        this.member = member;
        this.queue = queue;
    }
}

/**
 * What a member endpoint's signal field in the {@link Exchange} holds for the whole membership:
 * the object the other end reads after every deposit and close. Its fields are final and alone on
 * their cache line (128 bytes of padding on both sides, as in {@link Exchange}), so that line
 * stays shared between the two threads for good. The {@link Member} itself is written by the
 * selecting thread with every select (the value taken, the counts); if the depositing thread read
 * it, each round trip would move that line twice more. The depositor finds this object through a
 * field typed for it, so it never reads the header either (a type test would: the header's line
 * may be shared with the object allocated before this one).
 */
final class MemberSignal extends MemberSignalFields {
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
    byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
    byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
    byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
    byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;

    MemberSignal(Member<?, ?> member, ReadyQueue<?, ?> queue) {
        super(member, queue);
    }

    /**
     * Something new may have arrived (a deposit of the other end): queues the member for the
     * selector's next look, unless it is queued already or the selector scans the slots itself.
     * Called by the depositing thread after its volatile CAS of the slot and volatile read of the
     * signal field.
     */
    void signal() {
        // volatile read: a selector that scans reads the member's slot itself; it clears scanning
        // (volatile) before its last scan ahead of a park, so either that scan sees this deposit
        // or this read sees false and pushes (Dekker, after the depositor's volatile slot CAS)
        if (!queue.scanning()) {
            member.signalClosed();
        }
    }

    /** A close: queued whether or not the selector scans (see {@link Member#signalClosed}). */
    void signalClosed() {
        member.signalClosed();
    }
}
