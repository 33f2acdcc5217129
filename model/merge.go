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
	bk, ok := base.Kinds(), over.Kinds()
	for _, k := range ok {
		k.alloc()
		k.each(func(_ string, e Element, isNil bool) {
			if isNil {
				return
			}
			if meta := e.Base(); meta.AWSID != "" && meta.AWSID != meta.ID {
				rename[meta.AWSID] = meta.ID
			}
		})
	}
	for i, k := range bk {
		k.alloc()
		for old := range rename {
			k.del(old)
		}
		k.each(func(_ string, e Element, isNil bool) {
			if !isNil {
				relink(reflect.ValueOf(e).Elem(), rename)
			}
		})
		ok[i].each(func(id string, e Element, _ bool) { k.set(id, e) })
	}
	return base
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
