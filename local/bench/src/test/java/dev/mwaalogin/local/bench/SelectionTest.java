package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.bench.Selection.Group;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void nothingOrAllSelectsEveryGroup() {
        for (String value : new String[] {null, "", "  ", "all", "ALL"}) {
            Selection selection = Selection.parse(value);
            assertTrue(selection.isAll(), String.valueOf(value));
            assertEquals(EnumSet.allOf(Group.class), selection.groups());
            assertEquals("all", selection.describe());
        }
    }

    @Test
    void namesSelectThoseGroupsInAnyCaseAndOrder() {
        Selection selection = Selection.parse(" SignIn,identity,, ");
        assertEquals(EnumSet.of(Group.IDENTITY, Group.SIGNIN), selection.groups());
        assertFalse(selection.has(Group.BASELINES));
        assertFalse(selection.isAll());
        assertEquals("identity,signin", selection.describe());
    }

    @Test
    void anUnknownGroupIsRefusedWithTheKnownOnes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Selection.parse("identity,cold"));
        assertTrue(refused.getMessage().contains("'cold'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("baselines, identity, signin, events, all"), refused.getMessage());
    }

    @Test
    void onlySeparatorsSelectNothingAndAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Selection.parse(",,"));
    }
}
