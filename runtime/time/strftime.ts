// time.strftime in the C locale, on local time: the directives glibc's strftime gives CPython.

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const pad = (n: number, width = 2, fill = "0") => String(n).padStart(width, fill);

function dayOfYear(d: Date): number {
  return Math.round((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(d.getFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** Week of the year with weeks starting on `firstDay` (0 Sunday for %U, 1 Monday for %W). */
function weekOfYear(d: Date, firstDay: number): number {
  const wday = (d.getDay() - firstDay + 7) % 7;
  return Math.floor((dayOfYear(d) - 1 - wday + 7) / 7);
}

function utcOffset(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
}

function zoneName(d: Date): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName");
  return part?.value ?? "";
}

/** Formats `secs` (seconds since the epoch) as local time. */
export function strftime(format: string, secs: number): string {
  const d = new Date(secs * 1000);
  return format.replace(/%(.)/gs, (whole, c: string) => {
    switch (c) {
      case "a": return DAYS[d.getDay()]!.slice(0, 3);
      case "A": return DAYS[d.getDay()]!;
      case "b": case "h": return MONTHS[d.getMonth()]!.slice(0, 3);
      case "B": return MONTHS[d.getMonth()]!;
      case "c": return strftime("%a %b %e %H:%M:%S %Y", secs);
      case "C": return pad(Math.floor(d.getFullYear() / 100));
      case "d": return pad(d.getDate());
      case "D": return strftime("%m/%d/%y", secs);
      case "e": return pad(d.getDate(), 2, " ");
      case "F": return strftime("%Y-%m-%d", secs);
      case "H": return pad(d.getHours());
      case "I": return pad(d.getHours() % 12 || 12);
      case "j": return pad(dayOfYear(d), 3);
      case "m": return pad(d.getMonth() + 1);
      case "M": return pad(d.getMinutes());
      case "n": return "\n";
      case "p": return d.getHours() < 12 ? "AM" : "PM";
      case "r": return strftime("%I:%M:%S %p", secs);
      case "R": return strftime("%H:%M", secs);
      case "S": return pad(d.getSeconds());
      case "t": return "\t";
      case "T": return strftime("%H:%M:%S", secs);
      case "u": return String(d.getDay() || 7);
      case "U": return pad(weekOfYear(d, 0));
      case "w": return String(d.getDay());
      case "W": return pad(weekOfYear(d, 1));
      case "x": return strftime("%m/%d/%y", secs);
      case "X": return strftime("%H:%M:%S", secs);
      case "y": return pad(d.getFullYear() % 100);
      case "Y": return String(d.getFullYear());
      case "z": return utcOffset(d);
      case "Z": return zoneName(d);
      case "%": return "%";
      default:
        // glibc leaves a directive it does not know as written.
        return whole;
    }
  });
}
