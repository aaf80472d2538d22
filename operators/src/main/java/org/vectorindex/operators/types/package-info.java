/**
 * The records that flow between the operators, each with a hand-written serializer that writes a
 * format version byte first. They are this module's own small types, so the job adapts the parsed
 * record model to them in one mapping function per input and one per output.
 */
package org.vectorindex.operators.types;
