package model

import (
	"reflect"
)

// Merge lays over on top of base and returns base. An element of over replaces
// the element of base with the same ID, and also the element of base whose ID is
// over's AWS id: a resource present in both a plan and the live account is taken
// from the plan, and base's links to it are rewritten to the plan's ID.
func Merge(base, over *Network) *Network {
	rename := map[string]string{}
	ov := reflect.ValueOf(over).Elem()
	bv := reflect.ValueOf(base).Elem()
	forEachMap(ov, func(name string, m reflect.Value) {
		for _, k := range m.MapKeys() {
			meta := m.MapIndex(k).Interface().(Element).Base()
			if meta.AWSID != "" && meta.AWSID != meta.ID {
				rename[meta.AWSID] = meta.ID
			}
		}
	})
	forEachMap(bv, func(name string, bm reflect.Value) {
		for old := range rename {
			bm.SetMapIndex(reflect.ValueOf(old), reflect.Value{})
		}
		iter := bm.MapRange()
		for iter.Next() {
			relink(iter.Value().Elem(), rename)
		}
		om := ov.FieldByName(name)
		oiter := om.MapRange()
		for oiter.Next() {
			bm.SetMapIndex(oiter.Key(), oiter.Value())
		}
	})
	return base
}

// forEachMap calls fn for every element map field of a Network value.
func forEachMap(v reflect.Value, fn func(name string, m reflect.Value)) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := v.Field(i)
		if f.Kind() != reflect.Map {
			continue
		}
		if f.IsNil() {
			f.Set(reflect.MakeMap(f.Type()))
		}
		fn(t.Field(i).Name, f)
	}
}

// relink rewrites link fields (strings and string slices, nested structs
// included) whose value is a renamed ID. Meta's own identity is left alone.
func relink(v reflect.Value, rename map[string]string) {
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).Type == reflect.TypeOf(Meta{}) {
				continue
			}
			relink(v.Field(i), rename)
		}
	case reflect.String:
		if to, ok := rename[v.String()]; ok && v.CanSet() {
			v.SetString(to)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			relink(v.Index(i), rename)
		}
	case reflect.Map:
		// Dimensions and tags are not links.
	}
}
