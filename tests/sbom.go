package main

func (t *Tests) sbomCases() []testCase {
	return nil
}
