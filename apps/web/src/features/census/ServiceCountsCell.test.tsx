import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderPage } from '../../test/render.tsx';
import { ServiceCountsCell } from './ServiceCountsCell.tsx';

const render = (services: { required: number; booked: number; due: number; missing: number }) =>
  renderPage(<ServiceCountsCell services={services} />, { path: '/', at: '/' });

describe('a census row’s required appointments', () => {
  it('counts what is still due in a running week, with how many of those called for are booked', () => {
    render({ required: 3, booked: 1, due: 2, missing: 0 });
    expect(screen.getByText('2 due')).toBeTruthy();
    expect(screen.getByText('1 of 3 booked')).toBeTruthy();
    expect(screen.queryByText(/missing/)).toBeNull();
  });

  it('counts what an ended week lacked as missing', () => {
    render({ required: 2, booked: 0, due: 0, missing: 2 });
    expect(screen.getByText('2 missing')).toBeTruthy();
    expect(screen.getByText('0 of 2 booked')).toBeTruthy();
  });

  it('says when everything called for is booked', () => {
    render({ required: 2, booked: 2, due: 0, missing: 0 });
    expect(screen.getByText('All booked')).toBeTruthy();
    expect(screen.getByText('2 of 2 booked')).toBeTruthy();
  });

  it('says when the week calls for nothing', () => {
    render({ required: 0, booked: 0, due: 0, missing: 0 });
    expect(screen.getByText('None due')).toBeTruthy();
    expect(screen.queryByText(/booked/)).toBeNull();
  });
});
