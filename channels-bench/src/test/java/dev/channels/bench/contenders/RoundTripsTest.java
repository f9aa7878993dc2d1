package dev.channels.bench.contenders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The names of the round-trip contenders that take a number: the floors with a fixed quiet period
 * ({@code exchangeFloor-quietN}). A bad number is refused at once with a message that says what a
 * good one looks like; the rig's own tests run the contenders.
 */
class RoundTripsTest {

    @ParameterizedTest
    @ValueSource(strings = {"exchangeFloor-quiet0", "exchangeFloor-quiet4", "exchangeFloor-quiet256",
        "versionedFloor-quiet8"})
    void aQuietFloorKeepsItsName(String name) {
        assertEquals(name, RoundTrips.create(name).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"exchangeFloor-quiet", "exchangeFloor-quiet-1", "exchangeFloor-quiet257",
        "exchangeFloor-quiet1000", "exchangeFloor-quietx", "exchangeFloor-quiet4 ", "versionedFloor-quiet+4"})
    void aBadQuietPeriodIsRefusedWithTheRange(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoundTrips.create(name));
        assertTrue(e.getMessage().contains("from 0 to 256") && e.getMessage().contains(name),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"protocolFloor-quiet4", "exchangeFloorX-quiet4", "exchangeFloor-loud4"})
    void otherNamesStayUnknown(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoundTrips.create(name));
        assertTrue(e.getMessage().startsWith("unknown round-trip contender"), e.getMessage());
    }
}
