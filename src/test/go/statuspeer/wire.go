package main

// The protobuf messages of the spec (§3, §12), read and written field by field with protowire:
// written from the spec, sharing nothing with Historian's generated code.

import (
	"errors"
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// field is one field of a message as it appears on the wire, in order.
type field struct {
	number protowire.Number
	kind   protowire.Type
	bytes  []byte // length-delimited fields
	varint uint64
}

func parseFields(b []byte) ([]field, error) {
	var fields []field
	for len(b) > 0 {
		number, kind, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		f := field{number: number, kind: kind}
		switch kind {
		case protowire.VarintType:
			v, m := protowire.ConsumeVarint(b)
			if m < 0 {
				return nil, protowire.ParseError(m)
			}
			f.varint, b = v, b[m:]
		case protowire.BytesType:
			v, m := protowire.ConsumeBytes(b)
			if m < 0 {
				return nil, protowire.ParseError(m)
			}
			f.bytes, b = v, b[m:]
		default:
			m := protowire.ConsumeFieldValue(number, kind, b)
			if m < 0 {
				return nil, protowire.ParseError(m)
			}
			b = b[m:]
		}
		fields = append(fields, f)
	}
	return fields, nil
}

func first(fields []field, number protowire.Number) *field {
	for i := range fields {
		if fields[i].number == number {
			return &fields[i]
		}
	}
	return nil
}

// archiveMetadata is WakuMessageArchiveMetadata{version=1, from=2, to=3, contentTopic=4}.
type archiveMetadata struct {
	from, to uint64
	topics   [][]byte
}

func parseArchiveMetadata(b []byte) (archiveMetadata, error) {
	fields, err := parseFields(b)
	if err != nil {
		return archiveMetadata{}, err
	}
	var m archiveMetadata
	for _, f := range fields {
		switch f.number {
		case 2:
			m.from = f.varint
		case 3:
			m.to = f.varint
		case 4:
			m.topics = append(m.topics, f.bytes)
		}
	}
	return m, nil
}

// appendVarint writes a field as proto3 does (and so status-go's encoder): not at all when zero.
func appendVarint(b []byte, number protowire.Number, v uint64) []byte {
	if v == 0 {
		return b
	}
	b = protowire.AppendTag(b, number, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}

func (m archiveMetadata) marshal() []byte {
	var b []byte
	b = appendVarint(b, 2, m.from)
	b = appendVarint(b, 3, m.to)
	for _, topic := range m.topics {
		b = protowire.AppendTag(b, 4, protowire.BytesType)
		b = protowire.AppendBytes(b, topic)
	}
	return b
}

// indexEntry is WakuMessageArchiveIndexMetadata{version=1, metadata=2, offset=3, size=4, padding=5}.
type indexEntry struct {
	id                    string
	raw                   []byte // the entry as serialized in the index: its Keccak-256 is the ID
	metadata              archiveMetadata
	offset, size, padding uint64
}

func (e indexEntry) marshal() []byte {
	var b []byte
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendBytes(b, e.metadata.marshal())
	b = appendVarint(b, 3, e.offset)
	b = appendVarint(b, 4, e.size)
	b = appendVarint(b, 5, e.padding)
	return b
}

// parseIndex reads WakuMessageArchiveIndex{archives=1 map<string, entry>}: each map entry is a
// message {key=1, value=2}.
func parseIndex(b []byte) ([]indexEntry, error) {
	fields, err := parseFields(b)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	var entries []indexEntry
	for _, f := range fields {
		if f.number != 1 {
			continue
		}
		pair, err := parseFields(f.bytes)
		if err != nil {
			return nil, fmt.Errorf("index map entry: %w", err)
		}
		key, value := first(pair, 1), first(pair, 2)
		if key == nil || value == nil {
			return nil, errors.New("index map entry without key or value")
		}
		entryFields, err := parseFields(value.bytes)
		if err != nil {
			return nil, fmt.Errorf("index entry %s: %w", key.bytes, err)
		}
		e := indexEntry{id: string(key.bytes), raw: value.bytes}
		for _, ef := range entryFields {
			switch ef.number {
			case 2:
				if e.metadata, err = parseArchiveMetadata(ef.bytes); err != nil {
					return nil, err
				}
			case 3:
				e.offset = ef.varint
			case 4:
				e.size = ef.varint
			case 5:
				e.padding = ef.varint
			}
		}
		entries = append(entries, e)
	}
	return entries, nil
}

func marshalIndex(entries []indexEntry) []byte {
	var b []byte
	for _, e := range entries {
		var pair []byte
		pair = protowire.AppendTag(pair, 1, protowire.BytesType)
		pair = protowire.AppendString(pair, e.id)
		pair = protowire.AppendTag(pair, 2, protowire.BytesType)
		pair = protowire.AppendBytes(pair, e.raw)
		b = protowire.AppendTag(b, 1, protowire.BytesType)
		b = protowire.AppendBytes(b, pair)
	}
	return b
}

// wakuMessage is the stored envelope {sig=1, timestamp=2, topic=3, payload=4, padding=5, hash=6, thirdPartyId=7}.
type wakuMessage struct {
	timestamp uint64
	topic     []byte
	payload   []byte
	hash      []byte
}

func (m wakuMessage) marshal() []byte {
	var b []byte
	b = appendVarint(b, 2, m.timestamp)
	b = protowire.AppendTag(b, 3, protowire.BytesType)
	b = protowire.AppendBytes(b, m.topic)
	b = protowire.AppendTag(b, 4, protowire.BytesType)
	b = protowire.AppendBytes(b, m.payload)
	b = protowire.AppendTag(b, 6, protowire.BytesType)
	b = protowire.AppendBytes(b, m.hash)
	return b
}

// parseArchive reads WakuMessageArchive{version=1, metadata=2, messages=3}.
func parseArchive(b []byte) (archiveMetadata, []wakuMessage, error) {
	fields, err := parseFields(b)
	if err != nil {
		return archiveMetadata{}, nil, err
	}
	var metadata archiveMetadata
	var messages []wakuMessage
	for _, f := range fields {
		switch f.number {
		case 2:
			if metadata, err = parseArchiveMetadata(f.bytes); err != nil {
				return metadata, nil, err
			}
		case 3:
			mf, err := parseFields(f.bytes)
			if err != nil {
				return metadata, nil, err
			}
			var m wakuMessage
			for _, x := range mf {
				switch x.number {
				case 2:
					m.timestamp = x.varint
				case 3:
					m.topic = x.bytes
				case 4:
					m.payload = x.bytes
				case 6:
					m.hash = x.bytes
				}
			}
			messages = append(messages, m)
		}
	}
	return metadata, messages, nil
}

func marshalArchive(metadata archiveMetadata, messages []wakuMessage) []byte {
	var b []byte
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendBytes(b, metadata.marshal())
	for _, m := range messages {
		b = protowire.AppendTag(b, 3, protowire.BytesType)
		b = protowire.AppendBytes(b, m.marshal())
	}
	return b
}
