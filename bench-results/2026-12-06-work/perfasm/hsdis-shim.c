#include <stdint.h>
#include <dlfcn.h>
#include <stddef.h>
typedef void* (*event_cb)(void*, const char*, void*);
typedef int (*printf_cb)(void*, const char*, ...);
typedef void* (*old_fn)(void*, void*, event_cb, void*, printf_cb, void*, const char*);
void* decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char* buffer, uintptr_t length,
    event_cb ev, void* evs, printf_cb pr, void* prs, const char* options, int newline) {
  static old_fn f;
  if (!f) { void* h = dlopen("/usr/lib/x86_64-linux-gnu/libhsdis.so.0", RTLD_NOW); if (!h) return NULL; f = (old_fn) dlsym(h, "decode_instructions"); if (!f) return NULL; }
  (void) start_va; (void) end_va; (void) newline;
  return f(buffer, buffer + length, ev, evs, pr, prs, options);
}
