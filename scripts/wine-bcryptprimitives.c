// A stand-in bcryptprimitives.dll for running Windows binaries under Wine 8 in tests only; it is
// never shipped and never loaded on Windows (scripts/platforms-win32.sh builds it with mingw and
// puts it on WINEPATH).
//
// Windows 10 and later have bcryptprimitives.dll, whose ProcessPrng is the system random number
// generator. Rust's standard library imports it, so the addon does not load where the DLL is
// missing, as in Debian 12's Wine 8.0 (node.exe 22.23.3 itself does not import it). Here
// ProcessPrng asks bcrypt.dll's system-preferred RNG, which Wine implements, for the same bytes.
#include <windows.h>

#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
  // BCryptGenRandom takes a ULONG length; SIZE_T is 64 bits here.
  while (size > 0) {
    ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
    if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG))) {
      return FALSE;
    }
    data += chunk;
    size -= chunk;
  }
  // Windows documents that ProcessPrng always returns TRUE.
  return TRUE;
}
