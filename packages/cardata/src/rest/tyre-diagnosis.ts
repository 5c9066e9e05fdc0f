import type { TyreDataDto, TyreDiagnosisDto } from './schemas';

/** What one wheel's tyre diagnosis says, with BMW's zero placeholders removed. */
export interface TyreSummary {
  /** e.g. `245/45 R18 100Y`. */
  dimension: string | undefined;
  season: string | undefined;
  /** Kilometres (or miles, see `wearUnit`) until the tyre is due. */
  dueMileage: number | undefined;
  wearUnit: string | undefined;
  wearStatus: string | undefined;
  defectStatus: string | undefined;
  runFlat: boolean | undefined;
}

/** The four mounted wheels; a wheel without any data is undefined. */
export interface TyreDiagnosisSummary {
  frontLeft: TyreSummary | undefined;
  frontRight: TyreSummary | undefined;
  rearLeft: TyreSummary | undefined;
  rearRight: TyreSummary | undefined;
}

const positive = (value: number | undefined) => (value !== undefined && value > 0 ? value : undefined);
const text = (value: string | undefined) => (value !== undefined && value.trim() !== '' ? value : undefined);

function dimensionOf(tyre: TyreDataDto): string | undefined {
  const d = tyre.dimension;
  if (d === undefined) return undefined;
  if (text(d.value) !== undefined) return d.value;
  const width = positive(d.sectionWidth);
  const ratio = positive(d.aspectRatio);
  const rim = positive(d.rimDiameter);
  if (width === undefined || ratio === undefined || rim === undefined) return undefined;
  return `${width}/${ratio} R${rim}${positive(d.loadIndex) ?? ''}${d.speedRating ?? ''}`;
}

function summarize(tyre: TyreDataDto | undefined): TyreSummary | undefined {
  if (tyre === undefined) return undefined;
  const dueMileage = positive(tyre.tyreWear?.dueMileage);
  const summary: TyreSummary = {
    dimension: dimensionOf(tyre),
    season: text(tyre.season?.value) ?? text(tyre.season?.season),
    dueMileage,
    wearUnit: dueMileage === undefined ? undefined : tyre.tyreWear?.unit,
    wearStatus: text(tyre.tyreWear?.status),
    defectStatus: text(tyre.tyreDefect?.status),
    // `runFlat: false` comes with every empty record, so it only counts next to other data.
    runFlat: undefined,
  };
  const hasData = Object.values(summary).some((value) => value !== undefined);
  return hasData ? { ...summary, runFlat: tyre.runFlat?.runFlat } : undefined;
}

/**
 * Reads the mounted tyres of a tyre diagnosis. BMW fills missing data with labels and zeros, so
 * zero dimensions and a zero due mileage count as "no data".
 */
export function summarizeTyreDiagnosis(diagnosis: TyreDiagnosisDto): TyreDiagnosisSummary {
  const mounted = diagnosis.passengerCar?.mountedTyres;
  return {
    frontLeft: summarize(mounted?.frontLeft),
    frontRight: summarize(mounted?.frontRight),
    rearLeft: summarize(mounted?.rearLeft),
    rearRight: summarize(mounted?.rearRight),
  };
}
